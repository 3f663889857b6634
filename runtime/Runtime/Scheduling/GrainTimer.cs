namespace Lens.Runtime.Scheduling;

/// <summary>
/// A non-durable timer whose ticks are queued as exclusive turns of the activation; a tick is skipped
/// while the previous one is still queued or running, so ticks never pile up.
/// </summary>
internal sealed class GrainTimer : IDisposable
{
    private readonly CancellationTokenSource _stop = new();

    public GrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period, Func<WorkItem, bool> enqueue)
    {
        _ = RunAsync(callback, dueTime, period, enqueue);
    }

    public void Dispose() => _stop.Cancel();

    private async Task RunAsync(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period, Func<WorkItem, bool> enqueue)
    {
        var token = _stop.Token;
        try
        {
            await Task.Delay(dueTime, token);
            while (!token.IsCancellationRequested)
            {
                var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var item = new WorkItem(async () =>
                {
                    try { await callback(token); } finally { done.TrySetResult(); }
                }, ReadOnly: false, _ => done.TrySetResult(), token);
                if (enqueue(item)) await done.Task;
                if (period <= TimeSpan.Zero || period == Timeout.InfiniteTimeSpan) return;
                await Task.Delay(period, token);
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed or the activation went away.
        }
    }
}
