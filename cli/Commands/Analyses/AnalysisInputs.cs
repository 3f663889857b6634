using Lens.Analyses;
using Lens.Cli.CommandLine;

namespace Lens.Cli.Commands;

/// <summary>Inputs the analysis commands share: the model's text codec and a prompt given as --ids or --prompt.</summary>
public static class AnalysisInputs
{
    /// <summary>--ids, or --prompt encoded with the model's tokenizer (BOS added as the tokenizer does).</summary>
    public static int[] PromptIds(int[]? ids, string? prompt, ITextCodec? codec, string modelPath)
    {
        if (ids is null == prompt is null) throw new CliUsageException("give exactly one of --ids or --prompt");
        if (ids is not null) return ids;
        return (codec ?? throw new ArgumentException($"{modelPath}: no tokenizer found for --prompt; pass --ids instead")).Encode(prompt!);
    }

    public static Func<int, string> TokenText(ITextCodec? codec) =>
        codec is null ? id => id.ToString(System.Globalization.CultureInfo.InvariantCulture) : codec.TokenText;

    public static int PositiveInt(CliArguments args, string name, int fallback)
    {
        var v = args.Int(name, fallback);
        return v >= 1 ? v : throw new CliUsageException($"--{name} must be at least 1, got {v}");
    }
}
