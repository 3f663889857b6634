using System.Text.Json.Nodes;
using Lens.Cli.CommandLine;
using Lens.Tokenization;

namespace Lens.Cli.Commands;

/// <summary><c>lens detokenize</c>: ids → text (special tokens kept, clean-up as transformers applies it).</summary>
public sealed class DetokenizeCommand : ICliCommand
{
    public string Name => "detokenize";
    public string Usage => "detokenize --tokenizer PATH --ids 1,2,3";

    public int Run(CliArguments args, CliOutput output)
    {
        var path = args.Required("tokenizer");
        var ids = args.IntList("ids") ?? throw new CliUsageException("missing required option --ids");
        args.EnsureAllUsed();

        var tokenizer = Tokenizer.Load(path);
        output.Result(new JsonObject { ["text"] = tokenizer.Decode(ids) });
        return 0;
    }
}
