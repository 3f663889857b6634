namespace Lens.Analyses;

/// <summary>Turns a raw prompt into model input: through the chat template when there is one, otherwise as is.</summary>
public static class PromptRendering
{
    public static int[] Encode(ITextCodec codec, string prompt)
    {
        // A rendered template already carries its special tokens (BOS included), so it is encoded without adding them again.
        var rendered = codec.RenderUserTurn(prompt);
        return rendered is null ? codec.Encode(prompt) : codec.Encode(rendered, addSpecialTokens: false);
    }
}
