using Lens.Tokenization.AddedTokens;
using Lens.Tokenization.Decoders;
using Lens.Tokenization.Models;
using Lens.Tokenization.Normalizers;
using Lens.Tokenization.PostProcessors;
using Lens.Tokenization.PreTokenizers;
using Lens.Tokenization.Text;

namespace Lens.Tokenization;

/// <summary>
/// The Hugging Face tokenizers flow, shared by both file formats: added tokens → normalizer → added tokens
/// (normalized) → pre-tokenizer → model → post-processor; and ids → tokens → decoder.
/// </summary>
internal sealed class TokenizerPipeline
{
    public required AddedVocabulary Added { get; init; }
    public required ITokenModel Model { get; init; }
    public INormalizer? Normalizer { get; init; }
    public IPreTokenizer? PreTokenizer { get; init; }
    public IPostProcessor? PostProcessor { get; init; }
    public IDecoder? Decoder { get; init; }
    /// <summary>Ids that count as special when decoding with skipSpecialTokens, beyond the special added tokens.</summary>
    public IReadOnlySet<int> ExtraSpecialIds { get; init; } = new HashSet<int>();

    public int VocabularySize => Math.Max(Model.VocabularySize, Added.MaxId + 1);

    public string? TokenText(int id) => Added.ById(id)?.Content ?? Model.IdToToken(id);

    public int? TokenId(string token) => Added.ByContent(token)?.Id ?? Model.TokenToId(token);

    public bool IsSpecial(int id) => Added.ById(id) is { Special: true } || ExtraSpecialIds.Contains(id);

    public int[] Encode(string text, bool addSpecialTokens)
    {
        var ids = new List<int>(text.Length / 3 + 4);
        var segments = new List<(string Text, AddedToken? Token, int Offset)>();
        Added.Split(text, normalizedPass: false, segments);
        var inner = new List<(string Text, AddedToken? Token, int Offset)>();
        var pieces = new List<Piece>();
        foreach (var (segment, token, offset) in segments)
        {
            if (token is not null) { ids.Add(token.Id); continue; }
            var normalized = Normalizer?.Normalize(segment) ?? segment;
            inner.Clear();
            Added.Split(normalized, normalizedPass: true, inner);
            foreach (var (part, innerToken, innerOffset) in inner)
            {
                if (innerToken is not null) { ids.Add(innerToken.Id); continue; }
                var piece = new Piece(part, offset == 0 && innerOffset == 0);
                if (PreTokenizer is null) { Model.Tokenize(part, ids); continue; }
                pieces.Clear();
                PreTokenizer.PreTokenize(piece, pieces);
                foreach (var p in pieces) Model.Tokenize(p.Text, ids);
            }
        }
        if (addSpecialTokens && PostProcessor is not null) ids = PostProcessor.Process(ids);
        return ids.ToArray();
    }

    /// <summary>The decoder pipeline alone (tokenizers' decode); ids must already be checked.</summary>
    public string Decode(ReadOnlySpan<int> ids, bool skipSpecialTokens, bool display = false)
    {
        var tokens = new List<string>(ids.Length);
        foreach (var id in ids)
        {
            if (skipSpecialTokens && IsSpecial(id)) continue;
            tokens.Add(TokenText(id) ?? throw new ArgumentOutOfRangeException(nameof(ids), $"token id {id} is not in the vocabulary (ids 0..{VocabularySize - 1})"));
        }
        if (Decoder is null) return string.Join(' ', tokens);
        Decoder.Decode(tokens, display);
        return string.Concat(tokens);
    }
}
