using Lens.Tokenization.Text;

namespace Lens.Tokenization.PreTokenizers;

/// <summary>
/// Metaspace: spaces become the replacement ("▁"), which is prepended per <see cref="PrependScheme"/>;
/// with <c>split</c> the text is cut before each replacement character.
/// </summary>
internal sealed class MetaspacePreTokenizer(char replacement, PrependScheme scheme, bool split) : IPreTokenizer
{
    private readonly TextPattern _replacement = TextPattern.Literal(replacement.ToString());

    public void PreTokenize(Piece piece, List<Piece> output)
    {
        var text = piece.Text.Replace(' ', replacement);
        var prepend = scheme == PrependScheme.Always || (scheme == PrependScheme.First && piece.AtStart);
        if (prepend && !text.StartsWith(replacement)) text = replacement + text;
        piece = piece with { Text = text };
        if (!split) { output.Add(piece); return; }
        Splitter.Split(piece, _replacement.Matches(text), SplitBehavior.MergedWithNext, invert: false, output);
    }
}
