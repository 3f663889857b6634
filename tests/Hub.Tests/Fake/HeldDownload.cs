namespace Lens.Hub.Tests.Fake;

/// <summary>A download the fake hub keeps waiting before its first byte: a barrier for tests of concurrent clients.</summary>
public sealed class HeldDownload
{
    private readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the request has reached the hub.</summary>
    public Task Arrived => _arrived.Task;

    public void Release() => _released.TrySetResult();

    internal Task WaitAsync()
    {
        _arrived.TrySetResult();
        return _released.Task;
    }
}
