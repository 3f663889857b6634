using Lens.Tokenization;

namespace Lens.Analyses;

/// <summary>Renders a single user message through a tokenizer's chat template, with the generation prompt appended.</summary>
internal static class ChatRendering
{
    public static string? UserTurn(Tokenizer tokenizer, string message) =>
        tokenizer.ChatTemplate?.Render([new ChatMessage("user", message)], addGenerationPrompt: true);
}
