using Lens.Engine.Inference;

namespace Lens.Cli.CommandLine;

/// <summary>The options every model command shares: --model DIR and --threads N (read before the options are checked).</summary>
public sealed class ModelArguments(CliArguments args)
{
    public string Path { get; } = args.Required("model");
    public int Threads { get; } = args.Int("threads", 0);

    public Transformer Load() => Transformer.Load(Path, Threads);

    /// <summary>--ids 1,2,3 (checked against the vocabulary by the engine); null when absent.</summary>
    public static int[]? Ids(CliArguments args)
    {
        var ids = args.IntList("ids");
        if (ids is { Length: 0 }) throw new CliUsageException("--ids needs at least one token id");
        return ids;
    }
}
