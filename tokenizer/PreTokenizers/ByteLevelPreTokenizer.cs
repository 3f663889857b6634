using Lens.Tokenization.Text;

namespace Lens.Tokenization.PreTokenizers;

/// <summary>
/// ByteLevel: optional leading space, optional split with the GPT-2 pattern, then every piece is rewritten
/// into the byte alphabet (<see cref="ByteLevelAlphabet"/>). <see cref="Fused"/> stands in for the common
/// Sequence[Split(pattern, Isolated), ByteLevel(use_regex=false)] in one pass.
/// </summary>
internal sealed class ByteLevelPreTokenizer : IPreTokenizer
{
    private static readonly TextPattern s_gpt2 = TextPattern.Regex(PatternScanner.Gpt2);
    private readonly bool _addPrefixSpace;
    private readonly TextPattern? _split;

    public ByteLevelPreTokenizer(bool addPrefixSpace, bool useRegex) : this(addPrefixSpace, useRegex ? s_gpt2 : null) { }

    private ByteLevelPreTokenizer(bool addPrefixSpace, TextPattern? split)
    {
        _addPrefixSpace = addPrefixSpace;
        _split = split;
    }

    /// <summary>Split(pattern, Isolated, not inverted) followed by ByteLevel without prefix space or regex.</summary>
    public static ByteLevelPreTokenizer Fused(TextPattern split) => new(false, split);

    public void PreTokenize(Piece piece, List<Piece> output)
    {
        if (_addPrefixSpace && !piece.Text.StartsWith(' ')) piece = piece with { Text = " " + piece.Text };
        if (_split is null)
        {
            output.Add(piece with { Text = ByteLevelAlphabet.Encode(piece.Text) });
            return;
        }
        // Isolated split: every match and every gap between matches is a piece of its own.
        var text = piece.Text;
        var previous = 0;
        foreach (var (start, length) in _split.Matches(text))
        {
            if (start > previous) output.Add(new Piece(ByteLevelAlphabet.Encode(text.AsSpan(previous, start - previous)), piece.AtStart && previous == 0));
            if (length > 0) output.Add(new Piece(ByteLevelAlphabet.Encode(text.AsSpan(start, length)), piece.AtStart && start == 0));
            previous = start + length;
        }
        if (previous < text.Length) output.Add(new Piece(ByteLevelAlphabet.Encode(text.AsSpan(previous)), piece.AtStart && previous == 0));
    }
}
