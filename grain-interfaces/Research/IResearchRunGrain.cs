namespace Lens.GrainInterfaces.Research;

/// <summary>
/// One research run, keyed by its id: a validation (KL, refusal, MMLU) or a capture over a dataset, computed in
/// batches on a silo that holds the model. Every finished batch is checkpointed, so a run whose silo dies resumes on
/// another from its last batch. Caller mistakes are <see cref="ArgumentException"/>s naming the field; an id that
/// names no run is a <see cref="KeyNotFoundException"/>.
/// </summary>
public interface IResearchRunGrain : IGrainWithStringKey
{
    /// <summary>Checks <paramref name="spec"/>, pins its settings and starts computing; returns the run as queued.</summary>
    /// <param name="owner">The user the run belongs to.</param>
    /// <exception cref="ArgumentException">A field is missing or wrong, or the id is taken.</exception>
    Task<ResearchRunInfo> Start(string owner, ResearchRunSpec spec);

    /// <summary>The run, or null when no run has this id.</summary>
    Task<ResearchRunInfo?> Info();

    /// <summary>The results over the items done so far.</summary>
    /// <exception cref="KeyNotFoundException">No run has this id.</exception>
    Task<ResearchResults> Results();

    /// <summary>Stops the run if it is still going (the batches done are kept); returns it.</summary>
    /// <exception cref="KeyNotFoundException">No run has this id.</exception>
    Task<ResearchRunInfo> Cancel();

    /// <summary>
    /// The run as a zip, in pieces: <c>run.json</c>, <c>results.json</c>, <c>results.csv</c> and, for a capture, the
    /// Zarr store of each prompt under <c>capture/</c>. Covers the batches done so far.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No run has this id.</exception>
    IAsyncEnumerable<byte[]> Export();
}
