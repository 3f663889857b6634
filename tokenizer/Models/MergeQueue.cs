namespace Lens.Tokenization.Models;

/// <summary>
/// The symbols of one word as a doubly linked list over arrays, plus a heap of candidate merges ordered by
/// (priority, position). Popping the best valid entry repeatedly is the same as rescanning for the best
/// adjacent pair each time, but costs O(n log n) instead of O(n²) on long words. Reused per thread.
/// </summary>
internal sealed class MergeQueue
{
    [ThreadStatic] private static MergeQueue? s_current;

    public int[] Ids = new int[64];
    public int[] Next = new int[64];
    public int[] Prev = new int[64];
    public bool[] Removed = new bool[64];
    public int[] Rank = new int[64];
    public int Count;
    public readonly PriorityQueue<int, long> Heap = new();

    public static MergeQueue Rent()
    {
        var q = s_current ??= new MergeQueue();
        q.Count = 0;
        q.Heap.Clear();
        return q;
    }

    public void Add(int id)
    {
        if (Count == Ids.Length)
        {
            var size = Count * 2;
            Array.Resize(ref Ids, size); Array.Resize(ref Next, size); Array.Resize(ref Prev, size); Array.Resize(ref Removed, size); Array.Resize(ref Rank, size);
        }
        Ids[Count] = id;
        Prev[Count] = Count - 1;
        Next[Count] = -1;
        if (Count > 0) Next[Count - 1] = Count;
        Removed[Count] = false;
        Count++;
    }

    /// <summary>Joins the symbol at <paramref name="pos"/> with its right neighbour into <paramref name="merged"/>.</summary>
    public void Merge(int pos, int merged)
    {
        var right = Next[pos];
        Ids[pos] = merged;
        Removed[right] = true;
        Next[pos] = Next[right];
        if (Next[right] >= 0) Prev[Next[right]] = pos;
    }

    public void CopyTo(List<int> ids)
    {
        for (var i = 0; i >= 0 && i < Count; i = Next[i]) ids.Add(Ids[i]);
    }

    public int[] ToArray()
    {
        var n = 0;
        for (var i = 0; i >= 0 && i < Count; i = Next[i]) n++;
        var result = new int[n];
        n = 0;
        for (var i = 0; i >= 0 && i < Count; i = Next[i]) result[n++] = Ids[i];
        return result;
    }
}
