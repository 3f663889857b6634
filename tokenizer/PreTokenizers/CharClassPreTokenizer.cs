using Lens.Tokenization.Text;

namespace Lens.Tokenization.PreTokenizers;

/// <summary>
/// The simple tokenizers pre-tokenizers that cut on character classes: Whitespace (<c>\w+|[^\w\s]+</c>),
/// WhitespaceSplit, Digits and Punctuation.
/// </summary>
internal sealed class CharClassPreTokenizer : IPreTokenizer
{
    private readonly TextPattern _pattern;
    private readonly SplitBehavior _behavior;
    private readonly bool _invert;

    private CharClassPreTokenizer(TextPattern pattern, SplitBehavior behavior, bool invert)
    {
        _pattern = pattern; _behavior = behavior; _invert = invert;
    }

    public static CharClassPreTokenizer Whitespace() => new(TextPattern.Regex(@"\w+|[^\w\s]+"), SplitBehavior.Removed, invert: true);
    public static CharClassPreTokenizer WhitespaceSplit() => new(TextPattern.Regex(@"\s+"), SplitBehavior.Removed, invert: false);
    public static CharClassPreTokenizer Digits(bool individual) =>
        individual ? new(TextPattern.Regex(@"\p{N}"), SplitBehavior.Isolated, false) : new(TextPattern.Regex(@"\p{N}+"), SplitBehavior.Isolated, false);
    public static CharClassPreTokenizer Punctuation(SplitBehavior behavior) => new(TextPattern.Regex(@"\p{P}|[!-/:-@\[-`{-~]"), behavior, false);

    public void PreTokenize(Piece piece, List<Piece> output) =>
        Splitter.Split(piece, _pattern.Matches(piece.Text), _behavior, _invert, output);

}
