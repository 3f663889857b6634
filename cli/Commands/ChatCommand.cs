using System.Text.Json;
using System.Text.Json.Nodes;
using Lens.Cli.CommandLine;
using Lens.Tokenization;

namespace Lens.Cli.Commands;

/// <summary>
/// <c>lens chat</c>: renders the tokenizer's chat template and encodes the prompt (add_special_tokens false, as
/// apply_chat_template does). The messages file is a JSON array of messages, or an object with "messages" and
/// further template variables ("tools", "enable_thinking", …).
/// </summary>
public sealed class ChatCommand : ICliCommand
{
    public string Name => "chat";
    public string Usage => "chat --tokenizer PATH --messages FILE.json [--add-generation-prompt]";

    public int Run(CliArguments args, CliOutput output)
    {
        var path = args.Required("tokenizer");
        var messagesFile = args.Required("messages");
        var addGenerationPrompt = args.Flag("add-generation-prompt");
        args.EnsureAllUsed();

        var (messages, variables) = ReadMessages(messagesFile);
        var tokenizer = Tokenizer.Load(path);
        var template = tokenizer.ChatTemplate ?? throw new InvalidOperationException($"tokenizer {tokenizer.Source} has no chat template (tokenizer_config.json chat_template or chat_template.jinja)");
        var rendered = template.Render(messages, addGenerationPrompt, variables);
        var ids = tokenizer.Encode(rendered, addSpecialTokens: false);
        output.Result(new JsonObject
        {
            ["rendered"] = rendered,
            ["ids"] = new JsonArray(ids.Select(id => (JsonNode)id).ToArray()),
        });
        return 0;
    }

    private static (JsonArray Messages, JsonObject? Variables) ReadMessages(string file)
    {
        JsonNode? root;
        try { root = JsonNode.Parse(File.ReadAllText(file)); }
        catch (JsonException e) { throw new InvalidDataException($"{file} is not valid JSON: {e.Message}", e); }
        switch (root)
        {
            case JsonArray array:
                return (array, null);
            case JsonObject obj when obj["messages"] is JsonArray messages:
                obj.Remove("messages");
                return (messages, obj);
            default:
                throw new InvalidDataException($"{file} must hold a JSON array of messages or an object with a \"messages\" array");
        }
    }
}
