using Lens.Engine.Hooks;
using Lens.Engine.Inference;
using Lens.Grains.Models.Serving;

namespace Lens.Product.Tests;

/// <summary>
/// The real batched forward behind a gate a test can close: a closed gate holds the decode thread before its next
/// step (a barrier, not a sleep), so queued work piles up deterministically. Records the batch size of every step.
/// </summary>
public sealed class GatedForward : IBatchedForward
{
    private readonly SessionByTurnForward _inner = new();
    private readonly object _gate = new();
    private bool _open = true;
    private int _waiting;
    private readonly List<int> _batches = [];

    public float[][] Step(Transformer model, IReadOnlyList<SessionStep> steps, IForwardHooks hooks)
    {
        lock (_gate)
        {
            _waiting++;
            Monitor.PulseAll(_gate);
            while (!_open) Monitor.Wait(_gate);
            _waiting--;
            _batches.Add(steps.Count);
        }
        return _inner.Step(model, steps, hooks);
    }

    public void Close() { lock (_gate) _open = false; }

    public void Open() { lock (_gate) { _open = true; Monitor.PulseAll(_gate); } }

    /// <summary>Waits until the decode thread is held at the closed gate.</summary>
    public void WaitUntilHeld(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        lock (_gate)
            while (_waiting == 0)
                if (!Monitor.Wait(_gate, Max(deadline - DateTime.UtcNow)) && _waiting == 0)
                    throw new TimeoutException($"the decode thread did not reach the closed gate within {timeout}");
    }

    private static TimeSpan Max(TimeSpan t) => t > TimeSpan.Zero ? t : TimeSpan.Zero;

    /// <summary>Batch sizes of the steps run so far.</summary>
    public int[] Batches() { lock (_gate) return [.. _batches]; }
}
