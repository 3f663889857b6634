namespace Lens.Grains.Models;

/// <summary>How a silo serves its models: batch and queue bounds, activation cache size and place, and report period.</summary>
public sealed class ModelServingOptions
{
    /// <summary>Replicas of each model grain (<c>{model}#{n}</c>); conversations hash onto one, so requests spread over silos.</summary>
    public int Replicas { get; set; } = 4;

    /// <summary>Decode streams advanced together in one batched step.</summary>
    public int MaxBatch { get; set; } = 8;

    /// <summary>Generations waiting for a batch slot, over all users; one more is refused with a retry time (429).</summary>
    public int MaxQueue { get; set; } = 32;

    /// <summary>Generations one user may have waiting.</summary>
    public int MaxQueuePerUser { get; set; } = 4;

    /// <summary>Lens inspections computed at once per model: their unembedding and passes share the model's lock, so more than one
    /// mostly adds waiting threads (measured: a long tail at 20 concurrent users).</summary>
    public int MaxConcurrentInspections { get; set; } = 1;

    /// <summary>Inspections waiting for a core; one more is refused with a retry time (429).</summary>
    public int MaxQueuedInspections { get; set; } = 64;

    /// <summary>Conversations whose KV cache is kept between turns.</summary>
    public int SessionCapacity { get; set; } = 16;

    /// <summary>
    /// Bytes of the KV caches kept between turns (fp32, so about 74 KB a token for a 110M Llama); past it the least
    /// recently used are dropped and their conversation's next turn prefills its history again.
    /// </summary>
    public long SessionMemoryBytes { get; set; } = 64L << 20;

    /// <summary>Threads of each loaded model's forward pass, shared by chat and research runs (0 = one per core).</summary>
    public int Threads { get; set; }

    /// <summary>Bytes of attention tables (every query row of clicked conversations) kept in memory.</summary>
    public long AttentionMemoryBytes { get; set; } = 128L << 20;

    /// <summary>Largest attention table built for one conversation; longer conversations recompute the clicked row per click.</summary>
    public long AttentionTableBytes { get; set; } = 32L << 20;

    /// <summary>Bytes of computed lens columns kept for clicks whose context windows overlap.</summary>
    public long LensMemoBytes { get; set; } = 32L << 20;

    /// <summary>
    /// Bytes of residual-stream chunks kept in memory (an LRU shared by all conversations of the model on the silo); the
    /// rest is on disk. Each conversation in memory also holds its open chunk, reported on top of this bound.
    /// </summary>
    public long ActivationMemoryBytes { get; set; } = 256L << 20;

    /// <summary>Folder of the per-conversation activation files.</summary>
    public string ActivationDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "lens-activations");

    /// <summary>How often the silo reports its models and load to the directory.</summary>
    public TimeSpan ReportInterval { get; set; } = TimeSpan.FromSeconds(1);
}
