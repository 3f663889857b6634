namespace Lens.Tokenization.Models;

/// <summary>The fields of tokenizer.json's BPE model.</summary>
internal sealed record BpeOptions(
    string File,
    Dictionary<string, int> Vocab,
    IReadOnlyList<(string Left, string Right)> Merges,
    string? UnkToken,
    bool FuseUnk,
    bool ByteFallback,
    string? ContinuingSubwordPrefix,
    string? EndOfWordSuffix,
    bool IgnoreMerges);
