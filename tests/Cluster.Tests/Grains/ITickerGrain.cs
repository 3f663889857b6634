namespace Lens.Cluster.Tests.Grains;

/// <summary>A grain woken by a reminder; each tick is logged with the silo that ran it.</summary>
public interface ITickerGrain : IGrainWithStringKey
{
    Task Start(TimeSpan due, TimeSpan period);

    Task Stop();

    /// <summary>Whether the reminder is still registered.</summary>
    Task<bool> IsRegistered();
}
