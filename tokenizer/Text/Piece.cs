namespace Lens.Tokenization.Text;

/// <summary>
/// A stretch of text on its way to the model. <see cref="AtStart"/> says it begins at offset 0 of the
/// original input, which Metaspace's prepend_scheme "first" needs.
/// </summary>
internal readonly record struct Piece(string Text, bool AtStart);
