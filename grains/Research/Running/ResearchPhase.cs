namespace Lens.Grains.Research.Running;

/// <summary>Where a run is in its journal: going, or stopped for good in one of three ways.</summary>
public enum ResearchPhase
{
    Active,
    Completed,
    Failed,
    Cancelled,
}
