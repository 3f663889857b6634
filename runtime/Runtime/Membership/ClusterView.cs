using Lens.Runtime.Storage;

namespace Lens.Runtime.Membership;

/// <summary>An immutable read of the membership table and what it means at read time.</summary>
internal sealed class ClusterView(MembershipSnapshot snapshot, DateTimeOffset readAt, TimeSpan deathTimeout)
{
    public static readonly ClusterView Empty = new(new MembershipSnapshot([], new TableVersion(0, "")), DateTimeOffset.MinValue, TimeSpan.Zero);

    public MembershipSnapshot Snapshot { get; } = snapshot;

    public DateTimeOffset ReadAt { get; } = readAt;

    public long Version => Snapshot.Version.Version;

    /// <summary>Silos that host activations now: Active and with a heartbeat inside the lease.</summary>
    public IReadOnlyList<SiloRow> Active { get; } = snapshot.Entries.Select(e => e.Row)
        .Where(r => r.Status == SiloStatus.Active && readAt - r.HeartbeatTime < deathTimeout)
        .OrderBy(r => r.SiloId, StringComparer.Ordinal).ToList();

    private readonly TimeSpan _deathTimeout = deathTimeout;

    public SiloRow? Find(string siloId) => Snapshot.Entries.FirstOrDefault(e => e.Row.SiloId == siloId)?.Row;

    /// <summary>Unknown (null) when the silo has no row; otherwise whether it is alive under status and lease.</summary>
    public bool? IsAlive(string siloId) => Find(siloId) is { } row
        ? row.Status != SiloStatus.Dead && ReadAt - row.HeartbeatTime < _deathTimeout
        : null;
}
