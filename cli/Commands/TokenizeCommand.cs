using System.Text.Json.Nodes;
using Lens.Cli.CommandLine;
using Lens.Tokenization;

namespace Lens.Cli.Commands;

/// <summary><c>lens tokenize</c>: text → ids and their vocabulary strings, as Hugging Face tokenizers gives them.</summary>
public sealed class TokenizeCommand : ICliCommand
{
    public string Name => "tokenize";
    public string Usage => "tokenize --tokenizer PATH --text TEXT [--no-special]   (PATH: tokenizer.json, its folder, or llama2.c tokenizer.bin)";

    public int Run(CliArguments args, CliOutput output)
    {
        var path = args.Required("tokenizer");
        var text = args.Required("text");
        var addSpecial = !args.Flag("no-special");
        args.EnsureAllUsed();

        var tokenizer = Tokenizer.Load(path);
        var ids = tokenizer.Encode(text, addSpecial);
        output.Result(new JsonObject
        {
            ["ids"] = new JsonArray(ids.Select(id => (JsonNode)id).ToArray()),
            ["tokens"] = new JsonArray(ids.Select(id => (JsonNode)tokenizer.TokenText(id)).ToArray()),
        });
        return 0;
    }
}
