namespace Lens.Tokenization.Normalizers;

/// <summary>NFC, NFD, NFKC or NFKD, computed from the embedded Unicode tables (see <see cref="UnicodeTables"/>).</summary>
internal sealed class UnicodeNormalizer(bool compatibility, bool compose) : INormalizer
{
    public string Normalize(string text) => UnicodeTables.Instance.Normalize(text, compatibility, compose);
}
