using Lens.Analyses;
using Lens.GrainInterfaces.Models;
using Lens.Tokenization;

namespace Lens.Grains.Models.Serving;

/// <summary>
/// The tokens one user message adds to a conversation. With a chat template, the conversation is rendered with and
/// without the new message and only the added text is encoded, so earlier positions never move; without one, the
/// message is encoded as plain text (the first turn with the tokenizer's BOS).
/// </summary>
internal static class TurnRendering
{
    public static int[] Ids(ITextCodec codec, IReadOnlyList<ChatLine> history, string message)
    {
        var template = (codec as TokenizerCodec)?.Tokenizer.ChatTemplate;
        if (template is null) return codec.Encode(message, addSpecialTokens: history.Count == 0);
        var earlier = history.Select(m => new ChatMessage(m.Role, m.Content)).ToList();
        var before = earlier.Count == 0 ? "" : template.Render(earlier, addGenerationPrompt: false);
        var after = template.Render([.. earlier, new ChatMessage("user", message)], addGenerationPrompt: true);
        // A template that rewrites earlier turns (rare) still gets this turn's own rendering appended.
        var added = after.StartsWith(before, StringComparison.Ordinal)
            ? after[before.Length..]
            : template.Render([new ChatMessage("user", message)], addGenerationPrompt: true);
        return codec.Encode(added, addSpecialTokens: false);
    }
}
