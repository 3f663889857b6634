using Lens.Engine.Hooks;
using Lens.Engine.Inference;
using Lens.Grains.Models.Serving;

namespace Lens.Product.Tests;

/// <summary>
/// The real batched forward behind a gate a test can close: a closed gate holds the decode thread before its next
/// step (a barrier, not a sleep), so queued work piles up deterministically. Records every step's batch size and the
/// prompt lengths it prefilled, in order.
/// </summary>
public sealed class GatedForward : IBatchedForward
{
    private readonly EngineBatchedForward _inner = new();
    private readonly object _gate = new();
    private readonly List<int> _batches = [];
    private readonly List<int> _prefills = [];
    private bool _open = true;
    private int _waiting;

    public float[][] Step(Transformer model, IReadOnlyList<SessionStep> steps, IForwardHooks hooks)
    {
        lock (_gate)
        {
            _waiting++;
            Monitor.PulseAll(_gate);
            while (!_open) Monitor.Wait(_gate);
            _waiting--;
            _batches.Add(steps.Count);
            _prefills.AddRange(steps.Where(s => s.Session.Length == 0).Select(s => s.Ids.Length));
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

    /// <summary>Batch sizes of the steps run so far.</summary>
    public int[] Batches() { lock (_gate) return [.. _batches]; }

    /// <summary>Lengths of the prompts prefilled from an empty session, in the order they were run.</summary>
    public int[] Prefills() { lock (_gate) return [.. _prefills]; }

    private static TimeSpan Max(TimeSpan t) => t > TimeSpan.Zero ? t : TimeSpan.Zero;
}
