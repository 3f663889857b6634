using Lens.Grains.Research.Events;
using Lens.Grains.Research.Running;

namespace Lens.Grains.Research;

/// <summary>
/// A research run as its events leave it. Applying an event twice, or out of turn, changes nothing: a batch counts
/// only as the next one of an active run, and only an active run can end. So a batch checkpointed by a silo that was
/// already declared dead, or a resubmitted event, cannot double a result.
/// </summary>
[GenerateSerializer]
public sealed class ResearchRunState
{
    /// <summary>Null until the run starts.</summary>
    [Id(0)] public ResearchPlan? Plan { get; set; }
    [Id(1)] public ResearchPhase Phase { get; set; }
    [Id(2)] public List<ResearchBatchOutcome> Batches { get; set; } = [];
    [Id(3)] public string? Error { get; set; }
    [Id(4)] public DateTimeOffset? Finished { get; set; }

    /// <summary>Seconds spent computing the batches done (not waiting or lying dead), for the ETA.</summary>
    [Id(5)] public double ComputeSeconds { get; set; }

    public int Done => Batches.Sum(b => b.Items);

    /// <summary>Started and not stopped.</summary>
    public bool IsActive => Plan is not null && Phase == ResearchPhase.Active;

    public void Apply(ResearchRunEvent e)
    {
        switch (e)
        {
            case ResearchRunStarted started when Plan is null:
                Plan = started.Plan;
                Phase = ResearchPhase.Active;
                break;
            case ResearchBatchCompleted batch when IsActive && batch.Batch == Batches.Count:
                Batches.Add(batch.Outcome);
                ComputeSeconds += batch.Seconds;
                break;
            case ResearchRunCompleted when IsActive:
                End(ResearchPhase.Completed, e.At);
                break;
            case ResearchRunFailed failed when IsActive:
                Error = failed.Error;
                End(ResearchPhase.Failed, e.At);
                break;
            case ResearchRunCancelled when IsActive:
                End(ResearchPhase.Cancelled, e.At);
                break;
        }
    }

    private void End(ResearchPhase phase, DateTimeOffset at)
    {
        Phase = phase;
        Finished = at;
    }
}
