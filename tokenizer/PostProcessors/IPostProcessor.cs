namespace Lens.Tokenization.PostProcessors;

/// <summary>A tokenizer.json post-processor: adds the special tokens around one encoded sequence.</summary>
internal interface IPostProcessor
{
    /// <summary>The ids to emit for <paramref name="sequence"/> when special tokens are wanted.</summary>
    List<int> Process(List<int> sequence);

    /// <summary>Special ids this processor places before the sequence (the BOS, when there is one).</summary>
    IReadOnlyList<int> Leading { get; }
}
