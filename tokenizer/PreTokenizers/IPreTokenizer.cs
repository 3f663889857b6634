using Lens.Tokenization.Text;

namespace Lens.Tokenization.PreTokenizers;

/// <summary>A tokenizer.json pre-tokenizer: cuts one piece into the pieces the model sees separately.</summary>
internal interface IPreTokenizer
{
    void PreTokenize(Piece piece, List<Piece> output);
}
