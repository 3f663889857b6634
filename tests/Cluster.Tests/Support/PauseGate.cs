namespace Lens.Cluster.Tests.Support;

/// <summary>Lets load workers park between calls so a check sees a quiet cluster (a barrier, not a sleep).</summary>
internal sealed class PauseGate(int workers)
{
    private readonly Lock _lock = new();
    private TaskCompletionSource _open = Opened();
    private TaskCompletionSource _allParked = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _parked;

    /// <summary>Called by a worker before each call; waits while the gate is closed.</summary>
    public async Task PassAsync()
    {
        Task open;
        lock (_lock)
        {
            open = _open.Task;
            if (open.IsCompleted) return;
            if (++_parked == workers) _allParked.TrySetResult();
        }
        await open;
    }

    /// <summary>A worker finished for good; it counts as parked from now on.</summary>
    public void Leave()
    {
        lock (_lock)
        {
            workers--;
            if (!_open.Task.IsCompleted && _parked >= workers) _allParked.TrySetResult();
        }
    }

    /// <summary>Closes the gate; completes once every worker is parked.</summary>
    public Task CloseAsync()
    {
        lock (_lock)
        {
            _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _allParked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _parked = 0;
            if (workers == 0) _allParked.TrySetResult();
            return _allParked.Task;
        }
    }

    public void Open()
    {
        lock (_lock) _open.TrySetResult();
    }

    private static TaskCompletionSource Opened()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        done.SetResult();
        return done;
    }
}
