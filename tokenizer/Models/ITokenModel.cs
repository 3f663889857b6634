namespace Lens.Tokenization.Models;

/// <summary>The model step: turns one pre-tokenized piece into vocabulary ids.</summary>
internal interface ITokenModel
{
    /// <summary>One past the largest id the model knows.</summary>
    int VocabularySize { get; }

    string? IdToToken(int id);

    int? TokenToId(string token);

    void Tokenize(string piece, List<int> ids);
}
