using Lens.Tokenization.Text;

namespace Lens.Tokenization.PreTokenizers;

internal sealed class SequencePreTokenizer(IReadOnlyList<IPreTokenizer> steps) : IPreTokenizer
{
    public void PreTokenize(Piece piece, List<Piece> output)
    {
        List<Piece> current = [piece];
        foreach (var step in steps)
        {
            var next = new List<Piece>(current.Count * 2);
            foreach (var p in current) step.PreTokenize(p, next);
            current = next;
        }
        output.AddRange(current);
    }
}
