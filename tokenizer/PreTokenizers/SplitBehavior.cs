namespace Lens.Tokenization.PreTokenizers;

/// <summary>What a split does with the matched delimiters (tokenizers' SplitDelimiterBehavior).</summary>
internal enum SplitBehavior { Removed, Isolated, MergedWithPrevious, MergedWithNext, Contiguous }
