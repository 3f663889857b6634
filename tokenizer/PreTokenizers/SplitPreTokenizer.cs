using Lens.Tokenization.Text;

namespace Lens.Tokenization.PreTokenizers;

internal sealed class SplitPreTokenizer(TextPattern pattern, SplitBehavior behavior, bool invert) : IPreTokenizer
{
    public void PreTokenize(Piece piece, List<Piece> output) =>
        Splitter.Split(piece, pattern.Matches(piece.Text), behavior, invert, output);
}
