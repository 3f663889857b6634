namespace Lens.Storage.Journals.Azure;

/// <summary>
/// What one journal instance knows of a stream: its end when last seen (streams only grow, so this can be behind the
/// truth, never ahead of it; an append's position condition catches the difference) and recent frame boundaries.
/// </summary>
internal sealed class AzureStreamCache
{
    private SegmentTail? _tail;

    public FrameIndex Index { get; } = new();

    public SegmentTail? Tail
    {
        get { lock (Index) return _tail; }
    }

    /// <summary>Records a newer end; an older one (a slower concurrent call finishing late) is ignored.</summary>
    public void Advance(SegmentTail tail)
    {
        lock (Index)
        {
            if (_tail is not { } known || tail.Version > known.Version || (tail.Version == known.Version && tail.Position.Segment >= known.Position.Segment))
                _tail = tail;
        }
        Index.Add(tail.Position);
    }

    public void Forget()
    {
        lock (Index) _tail = null;
    }
}
