using Lens.Engine.Inference;
using Lens.Engine.IO;

namespace Lens.Cli.CommandLine;

/// <summary>
/// The options every model command shares: --model DIR (or a hub id org/name[@revision]), --threads N and --weights
/// mapped|huge-pages|auto (read before the options are checked).
/// </summary>
public sealed class ModelArguments(CliArguments args)
{
    private readonly string _model = args.Required("model");
    private string? _path;

    /// <summary>The model folder or file; a hub id is downloaded on first use, after the options were checked.</summary>
    public string Path => _path ??= ModelLocation.Resolve(_model, Console.Error);

    public int Threads { get; } = args.Int("threads", 0);
    public WeightResidency Residency { get; } = ParseResidency(args.Optional("weights") ?? "mapped");

    public Transformer Load() => Transformer.Load(Path, Threads, Residency);

    private static WeightResidency ParseResidency(string text) => text switch
    {
        "auto" => WeightResidency.Auto,
        "mapped" => WeightResidency.Mapped,
        "huge-pages" => WeightResidency.HugePages,
        _ => throw new CliUsageException($"--weights must be mapped, huge-pages or auto, not '{text}'"),
    };

    /// <summary>--ids 1,2,3 (checked against the vocabulary by the engine); null when absent.</summary>
    public static int[]? Ids(CliArguments args)
    {
        var ids = args.IntList("ids");
        if (ids is { Length: 0 }) throw new CliUsageException("--ids needs at least one token id");
        return ids;
    }
}
