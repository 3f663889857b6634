using Lens.Grains.Research.Running;

namespace Lens.Grains.Research;

/// <summary>The run's side of the conversation with its worker (the same grain as <c>IResearchRunGrain</c>, keyed by the run id).</summary>
public interface IResearchRunCheckpoint : IGrainWithStringKey
{
    /// <summary>The worker on <paramref name="silo"/> has its job open and is computing.</summary>
    Task Computing(string silo);

    /// <summary>Journals batch <paramref name="batch"/> (once; a repeat is ignored) and says which batch to compute next, or null to stop.</summary>
    Task<int?> Checkpoint(int batch, ResearchBatchOutcome outcome, double seconds, string silo);

    /// <summary>The run cannot go on, for <paramref name="error"/>.</summary>
    Task Fail(string error);
}
