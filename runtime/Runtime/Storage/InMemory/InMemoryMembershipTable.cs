namespace Lens.Runtime.Storage.InMemory;

/// <summary>The membership table in memory.</summary>
public sealed class InMemoryMembershipTable : IMembershipTable
{
    private readonly Dictionary<string, MembershipEntry> _rows = [];
    private readonly Lock _lock = new();
    private TableVersion _version = new(0, "");

    /// <inheritdoc />
    public Task<MembershipSnapshot> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock) return Task.FromResult(new MembershipSnapshot(_rows.Values.ToList(), _version));
    }

    /// <inheritdoc />
    public Task<bool> InsertRowAsync(SiloRow row, TableVersion version, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (version.ETag != _version.ETag || _rows.ContainsKey(row.SiloId)) return Task.FromResult(false);
            _rows[row.SiloId] = new MembershipEntry(row, NewETag());
            _version = new TableVersion(version.Version, NewETag());
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<bool> UpdateRowAsync(SiloRow row, string etag, TableVersion version, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (version.ETag != _version.ETag || !_rows.TryGetValue(row.SiloId, out var current) || current.ETag != etag) return Task.FromResult(false);
            _rows[row.SiloId] = new MembershipEntry(row, NewETag());
            _version = new TableVersion(version.Version, NewETag());
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task UpdateHeartbeatAsync(string siloId, DateTimeOffset heartbeat, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_rows.TryGetValue(siloId, out var current))
                _rows[siloId] = new MembershipEntry(current.Row with { HeartbeatTime = heartbeat }, NewETag());
            return Task.CompletedTask;
        }
    }

    /// <inheritdoc />
    public Task CleanupDeadAsync(DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            foreach (var id in _rows.Values.Where(e => e.Row.Status == SiloStatus.Dead && e.Row.HeartbeatTime < before).Select(e => e.Row.SiloId).ToList())
                _rows.Remove(id);
            return Task.CompletedTask;
        }
    }

    private static string NewETag() => Guid.NewGuid().ToString("N");
}
