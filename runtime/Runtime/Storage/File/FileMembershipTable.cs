namespace Lens.Runtime.Storage.File;

/// <summary>The membership table as one JSON file, rewritten atomically under the file lock.</summary>
public sealed class FileMembershipTable(string root, bool durable = true) : IMembershipTable
{
    private readonly FileDocument<MembershipDocument> _document = new(Path.Combine(root, "membership.json"), durable);

    /// <inheritdoc />
    public async Task<MembershipSnapshot> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        var d = await _document.ReadAsync(cancellationToken);
        return new MembershipSnapshot(d.Entries, new TableVersion(d.Version, d.VersionETag));
    }

    /// <inheritdoc />
    public Task<bool> InsertRowAsync(SiloRow row, TableVersion version, CancellationToken cancellationToken = default) =>
        _document.UpdateAsync(d =>
        {
            if (d.VersionETag != version.ETag || d.Entries.Any(e => e.Row.SiloId == row.SiloId)) return (false, false);
            d.Entries.Add(new MembershipEntry(row, NewETag()));
            Bump(d, version);
            return (true, true);
        }, cancellationToken);

    /// <inheritdoc />
    public Task<bool> UpdateRowAsync(SiloRow row, string etag, TableVersion version, CancellationToken cancellationToken = default) =>
        _document.UpdateAsync(d =>
        {
            var index = d.Entries.FindIndex(e => e.Row.SiloId == row.SiloId);
            if (d.VersionETag != version.ETag || index < 0 || d.Entries[index].ETag != etag) return (false, false);
            d.Entries[index] = new MembershipEntry(row, NewETag());
            Bump(d, version);
            return (true, true);
        }, cancellationToken);

    /// <inheritdoc />
    public Task UpdateHeartbeatAsync(string siloId, DateTimeOffset heartbeat, CancellationToken cancellationToken = default) =>
        _document.UpdateAsync(d =>
        {
            var index = d.Entries.FindIndex(e => e.Row.SiloId == siloId);
            if (index < 0) return (false, false);
            d.Entries[index] = new MembershipEntry(d.Entries[index].Row with { HeartbeatTime = heartbeat }, NewETag());
            return (true, true);
        }, cancellationToken);

    /// <inheritdoc />
    public Task CleanupDeadAsync(DateTimeOffset before, CancellationToken cancellationToken = default) =>
        _document.UpdateAsync(d =>
        {
            var removed = d.Entries.RemoveAll(e => e.Row.Status == SiloStatus.Dead && e.Row.HeartbeatTime < before);
            return (removed > 0, removed);
        }, cancellationToken);

    private static void Bump(MembershipDocument d, TableVersion version)
    {
        d.Version = version.Version;
        d.VersionETag = NewETag();
    }

    private static string NewETag() => Guid.NewGuid().ToString("N");
}
