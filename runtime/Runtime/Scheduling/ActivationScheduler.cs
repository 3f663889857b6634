using System.Threading.Channels;

namespace Lens.Runtime.Scheduling;

/// <summary>
/// Turn-based execution for one activation: a bounded mailbox drained by one loop that runs one exclusive
/// turn at a time; consecutive read-only turns run together; interleaving turns bypass the mailbox.
/// A full mailbox refuses work (back-pressure) instead of queueing without bound.
/// </summary>
internal sealed class ActivationScheduler
{
    private readonly Channel<WorkItem> _mailbox;
    private readonly GrainId _grainId;
    private readonly Func<Task> _afterTurn;
    private int _running;
    private volatile bool _stopping;

    public ActivationScheduler(GrainId grainId, int capacity, Func<Task> afterTurn)
    {
        _grainId = grainId;
        _afterTurn = afterTurn;
        _mailbox = Channel.CreateBounded<WorkItem>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    }

    public int QueueLength => _mailbox.Reader.Count;

    public bool IsIdle => _running == 0 && _mailbox.Reader.Count == 0;

    public Task Completion { get; private set; } = Task.CompletedTask;

    public void Start() => Completion = Task.Run(RunAsync);

    /// <summary>False when the mailbox is full or the activation is stopping.</summary>
    public bool TryEnqueue(WorkItem item) => !_stopping && _mailbox.Writer.TryWrite(item);

    /// <summary>Runs an always-interleave turn right away.</summary>
    public void RunInterleaved(WorkItem item) => _ = ExecuteAsync(item);

    /// <summary>No new turns; queued ones are rejected; <see cref="Completion"/> ends after the running turn.</summary>
    public void Stop()
    {
        _stopping = true;
        _mailbox.Writer.TryComplete();
    }

    private async Task RunAsync()
    {
        var reads = new List<Task>();
        while (await _mailbox.Reader.WaitToReadAsync())
        {
            while (_mailbox.Reader.TryRead(out var item))
            {
                if (_stopping)
                {
                    item.Reject(new ActivationRejectedException(_grainId));
                    continue;
                }
                if (item.ReadOnly)
                {
                    reads.Add(ExecuteAsync(item));
                    continue;
                }
                if (reads.Count > 0)
                {
                    await Task.WhenAll(reads);
                    reads.Clear();
                }
                await ExecuteAsync(item);
                await _afterTurn();
            }
            reads.RemoveAll(t => t.IsCompleted);
        }
        await Task.WhenAll(reads);
    }

    private async Task ExecuteAsync(WorkItem item)
    {
        if (item.Cancellation.IsCancellationRequested)
        {
            item.Reject(new OperationCanceledException(item.Cancellation));
            return;
        }
        Interlocked.Increment(ref _running);
        try
        {
            await item.Run();
        }
        catch
        {
            // Run reports its own outcome to its caller; a throw here must not stop the mailbox.
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }
}
