namespace Lens.Storage.Journals;

/// <summary>
/// Recently seen frame boundaries of one stream, so that checking a resubmitted batch or placing a snapshot reads
/// from the right byte instead of from the start. Bounded: the oldest boundaries are dropped first.
/// </summary>
internal sealed class FrameIndex
{
    private const int Capacity = 512;
    private readonly SortedList<long, JournalPosition> _boundaries = [];

    public void Add(JournalPosition position)
    {
        lock (_boundaries)
        {
            _boundaries[position.Version] = position;
            if (_boundaries.Count > Capacity) _boundaries.RemoveAt(0);
        }
    }

    /// <summary>The known boundary at exactly <paramref name="version"/>.</summary>
    public JournalPosition? At(long version)
    {
        lock (_boundaries) return _boundaries.TryGetValue(version, out var position) ? position : null;
    }

    /// <summary>The latest known boundary at or before <paramref name="version"/>.</summary>
    public JournalPosition? Floor(long version)
    {
        lock (_boundaries)
        {
            var keys = _boundaries.Keys;
            int low = 0, high = keys.Count - 1, found = -1;
            while (low <= high)
            {
                var middle = (low + high) / 2;
                if (keys[middle] <= version) { found = middle; low = middle + 1; }
                else high = middle - 1;
            }
            return found < 0 ? null : _boundaries.Values[found];
        }
    }

    public void Clear()
    {
        lock (_boundaries) _boundaries.Clear();
    }
}
