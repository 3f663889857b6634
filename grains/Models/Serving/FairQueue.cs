namespace Lens.Grains.Models.Serving;

/// <summary>
/// Waiting work of many users, taken one user at a time in turn (round robin), so one user's burst does not starve
/// another. Not thread-safe: the scheduler holds its lock around every call.
/// </summary>
internal sealed class FairQueue<T>
{
    private readonly Dictionary<string, Queue<T>> _byUser = new(StringComparer.Ordinal);
    private readonly LinkedList<string> _turns = new();

    public int Count { get; private set; }

    /// <summary>Every waiting item, user by user.</summary>
    public IEnumerable<T> Items => _byUser.Values.SelectMany(q => q);

    public int CountFor(string user) => _byUser.TryGetValue(user, out var q) ? q.Count : 0;

    public void Enqueue(string user, T item)
    {
        if (!_byUser.TryGetValue(user, out var queue))
        {
            _byUser[user] = queue = new Queue<T>();
            _turns.AddLast(user);
        }
        queue.Enqueue(item);
        Count++;
    }

    /// <summary>The oldest item of the user whose turn it is; that user then goes to the back.</summary>
    public bool TryDequeue(out T item)
    {
        item = default!;
        if (_turns.First is not { } first) return false;
        var user = first.Value;
        var queue = _byUser[user];
        item = queue.Dequeue();
        Count--;
        _turns.RemoveFirst();
        if (queue.Count > 0) _turns.AddLast(user);
        else _byUser.Remove(user);
        return true;
    }

    /// <summary>Removes every item matching <paramref name="drop"/> (cancelled work).</summary>
    public void RemoveWhere(Func<T, bool> drop)
    {
        foreach (var (user, queue) in _byUser.ToList())
        {
            var kept = queue.Where(x => !drop(x)).ToList();
            Count -= queue.Count - kept.Count;
            if (kept.Count == queue.Count) continue;
            if (kept.Count == 0) { _byUser.Remove(user); _turns.Remove(user); continue; }
            _byUser[user] = new Queue<T>(kept);
        }
    }
}
