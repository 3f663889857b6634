namespace Lens.Runtime.Tests.Grains;

/// <summary>An event-sourced grain that appends numbers.</summary>
public interface IJournalTestGrain : IGrainWithStringKey
{
    /// <summary>Appends one event; returns the journal version after it.</summary>
    Task<long> Append(long value);

    [ReadOnly]
    Task<List<long>> GetValues();

    [ReadOnly]
    Task<ActivationInfo> WhoAmI();

    [Idempotent]
    Task<long> GetVersion();
}
