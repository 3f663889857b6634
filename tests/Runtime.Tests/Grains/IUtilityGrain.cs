namespace Lens.Runtime.Tests.Grains;

/// <summary>Streams, deadlines, cancellation, timers and faults.</summary>
public interface IUtilityGrain : IGrainWithStringKey
{
    IAsyncEnumerable<int> Count(int count, int delayMs, CancellationToken cancellationToken);

    Task<int> Sleep(int milliseconds, CancellationToken cancellationToken);

    Task<string> Echo(string text);

    Task Throw(string message);

    Task<int> StartTimer(int periodMs);

    [ReadOnly]
    Task<int> TimerTicks();

    [ReadOnly]
    Task<string> SiloId();
}
