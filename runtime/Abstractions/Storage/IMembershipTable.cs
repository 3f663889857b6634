namespace Lens.Runtime.Storage;

/// <summary>
/// The cluster's membership table: one row per silo incarnation plus a table version that every status
/// change bumps, so concurrent changes are linearized (the Orleans membership protocol).
/// </summary>
/// <remarks>
/// Insert and update are conditional twice: on the row's ETag and on the table version's ETag, and they
/// write the row and the new table version atomically (one entity-group transaction in Azure Tables, one
/// locked file rewrite in the file store). Heartbeats are not status changes and bypass the version.
/// </remarks>
public interface IMembershipTable
{
    /// <summary>Reads every row with its ETag and the current table version (version 0 with an empty ETag when the table is new).</summary>
    Task<MembershipSnapshot> ReadAllAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Inserts <paramref name="row"/> if no row with its silo id exists and the stored table version's ETag
    /// equals <paramref name="version"/>.ETag; the table version becomes <paramref name="version"/>.Version
    /// (the caller has already incremented it). Returns false on either conflict; nothing is written then.
    /// </summary>
    Task<bool> InsertRowAsync(SiloRow row, TableVersion version, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the row with <paramref name="row"/>'s silo id if its ETag equals <paramref name="etag"/> and the
    /// table version's ETag equals <paramref name="version"/>.ETag; the table version becomes
    /// <paramref name="version"/>.Version. Returns false on either conflict; nothing is written then.
    /// </summary>
    Task<bool> UpdateRowAsync(SiloRow row, string etag, TableVersion version, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets only the heartbeat time of an existing row, unconditionally, without touching the table version
    /// (the row's ETag may change). A missing row is ignored.
    /// </summary>
    Task UpdateHeartbeatAsync(string siloId, DateTimeOffset heartbeat, CancellationToken cancellationToken = default);

    /// <summary>Deletes rows of dead silos whose heartbeat is older than <paramref name="before"/>.</summary>
    Task CleanupDeadAsync(DateTimeOffset before, CancellationToken cancellationToken = default);
}
