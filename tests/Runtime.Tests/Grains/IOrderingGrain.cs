namespace Lens.Runtime.Tests.Grains;

/// <summary>Records how calls overlap, to check turn-based execution.</summary>
public interface IOrderingGrain : IGrainWithStringKey
{
    /// <summary>An exclusive turn that takes a while and records its number.</summary>
    Task Enter(int number, int milliseconds);

    /// <summary>A read-only turn that waits on a barrier shared by concurrent readers.</summary>
    [ReadOnly]
    Task<int> Read(int milliseconds);

    /// <summary>Answers even during another turn.</summary>
    [AlwaysInterleave]
    Task<int> Probe();

    [ReadOnly]
    Task<OrderingReport> Report();
}
