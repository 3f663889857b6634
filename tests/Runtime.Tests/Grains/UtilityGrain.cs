using System.Runtime.CompilerServices;

namespace Lens.Runtime.Tests.Grains;

public sealed class UtilityGrain : Grain, IUtilityGrain
{
    public static int Activations;
    public static int Deactivations;
    private int _ticks;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Activations);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Deactivations);
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<int> Count(int count, int delayMs, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var i = 0; i < count; i++)
        {
            if (delayMs > 0) await Task.Delay(delayMs, cancellationToken);
            yield return i;
        }
    }

    public async Task<int> Sleep(int milliseconds, CancellationToken cancellationToken)
    {
        await Task.Delay(milliseconds, cancellationToken);
        return milliseconds;
    }

    public Task<string> Echo(string text) => Task.FromResult(text);

    public Task Throw(string message) => throw new InvalidOperationException(message);

    public Task<int> StartTimer(int periodMs)
    {
        RegisterGrainTimer(_ => { _ticks++; return Task.CompletedTask; }, TimeSpan.FromMilliseconds(periodMs), TimeSpan.FromMilliseconds(periodMs));
        return Task.FromResult(_ticks);
    }

    public Task<int> TimerTicks() => Task.FromResult(_ticks);

    public Task<string> SiloId() => Task.FromResult(Context.SiloId);
}
