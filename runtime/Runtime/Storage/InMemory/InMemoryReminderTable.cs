namespace Lens.Runtime.Storage.InMemory;

/// <summary>The reminder table in memory.</summary>
public sealed class InMemoryReminderTable : IReminderTable
{
    private readonly Dictionary<(string, string), ReminderRow> _rows = [];
    private readonly Lock _lock = new();

    /// <inheritdoc />
    public Task<IReadOnlyList<ReminderRow>> ReadGrainAsync(string grainId, CancellationToken cancellationToken = default) => Select(r => r.GrainId == grainId);

    /// <inheritdoc />
    public Task<IReadOnlyList<ReminderRow>> ReadRangeAsync(uint begin, uint end, CancellationToken cancellationToken = default) =>
        Select(r => RingRange.Contains(begin, end, r.GrainHash));

    /// <inheritdoc />
    public Task<IReadOnlyList<ReminderRow>> ReadAllAsync(CancellationToken cancellationToken = default) => Select(_ => true);

    /// <inheritdoc />
    public Task<string> UpsertAsync(ReminderRow row, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var etag = Guid.NewGuid().ToString("N");
            _rows[(row.GrainId, row.Name)] = row with { ETag = etag };
            return Task.FromResult(etag);
        }
    }

    /// <inheritdoc />
    public Task<bool> RemoveAsync(string grainId, string name, string etag, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var found = _rows.TryGetValue((grainId, name), out var row) && row.ETag == etag;
            if (found) _rows.Remove((grainId, name));
            return Task.FromResult(found);
        }
    }

    private Task<IReadOnlyList<ReminderRow>> Select(Func<ReminderRow, bool> predicate)
    {
        lock (_lock) return Task.FromResult<IReadOnlyList<ReminderRow>>(_rows.Values.Where(predicate).ToList());
    }
}
