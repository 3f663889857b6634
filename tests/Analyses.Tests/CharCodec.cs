namespace Lens.Analyses.Tests;

/// <summary>A test codec: one token per character (id = UTF-16 code, wrapped into the vocabulary), no chat template.</summary>
public sealed class CharCodec(int vocab = 65536, int? bos = null) : ITextCodec
{
    public int[] Encode(string text, bool addSpecialTokens = true)
    {
        var ids = text.Select(ch => ch % vocab);
        return addSpecialTokens && bos is { } b ? [b, .. ids] : ids.ToArray();
    }

    public string Decode(ReadOnlySpan<int> ids) => new(ids.ToArray().Select(i => (char)i).ToArray());
    public string TokenText(int id) => ((char)id).ToString();
    public string? RenderUserTurn(string message) => null;
}
