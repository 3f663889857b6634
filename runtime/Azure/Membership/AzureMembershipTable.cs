using System.Net;
using System.Text.Json;
using Lens.Runtime.Azure.Rest;
using Lens.Runtime.Storage;

namespace Lens.Runtime.Azure.Membership;

/// <summary>
/// The membership table as one JSON blob (<c>membership.json</c>) replaced with If-Match on the blob's ETag.
/// Row ETags and the table version's ETag live inside it, so a row and the version change in one atomic
/// write, which is what the protocol needs, without Table batch transactions.
/// </summary>
/// <remarks>
/// A write that loses the blob race re-reads and re-checks the caller's conditions: losing to a heartbeat
/// is not a conflict, losing to a status change is.
/// </remarks>
public sealed class AzureMembershipTable(BlobContainer container) : IMembershipTable
{
    private const string BlobName = "membership.json";

    // Every retry follows another silo's successful write; a small cluster never gets near this.
    private const int MaxAttempts = 50;

    /// <inheritdoc />
    public async Task<MembershipSnapshot> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        var (document, _) = await LoadAsync(cancellationToken).ConfigureAwait(false);
        return new MembershipSnapshot(document.Entries, document.Version);
    }

    /// <inheritdoc />
    public Task<bool> InsertRowAsync(SiloRow row, TableVersion version, CancellationToken cancellationToken = default) =>
        ChangeAsync(document =>
        {
            if (document.Version.ETag != version.ETag || document.Entries.Any(e => e.Row.SiloId == row.SiloId)) return null;
            return new MembershipDocument(new TableVersion(version.Version, NewETag()), [.. document.Entries, new MembershipEntry(row, NewETag())]);
        }, cancellationToken);

    /// <inheritdoc />
    public Task<bool> UpdateRowAsync(SiloRow row, string etag, TableVersion version, CancellationToken cancellationToken = default) =>
        ChangeAsync(document =>
        {
            if (document.Version.ETag != version.ETag || !document.Entries.Any(e => e.Row.SiloId == row.SiloId && e.ETag == etag)) return null;
            return new MembershipDocument(new TableVersion(version.Version, NewETag()), Replace(document, row));
        }, cancellationToken);

    /// <inheritdoc />
    public Task UpdateHeartbeatAsync(string siloId, DateTimeOffset heartbeat, CancellationToken cancellationToken = default) =>
        ChangeAsync(document =>
        {
            var current = document.Entries.FirstOrDefault(e => e.Row.SiloId == siloId);
            return current is null ? null : document with { Entries = Replace(document, current.Row with { HeartbeatTime = heartbeat }) };
        }, cancellationToken);

    /// <inheritdoc />
    public Task CleanupDeadAsync(DateTimeOffset before, CancellationToken cancellationToken = default) =>
        ChangeAsync(document =>
        {
            var kept = document.Entries.Where(e => e.Row.Status != SiloStatus.Dead || e.Row.HeartbeatTime >= before).ToList();
            return kept.Count == document.Entries.Count ? null : document with { Entries = kept };
        }, cancellationToken);

    // Applies change (null: the caller's conditions fail) with optimistic concurrency on the blob.
    private async Task<bool> ChangeAsync(Func<MembershipDocument, MembershipDocument?> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var (document, blobETag) = await LoadAsync(cancellationToken).ConfigureAwait(false);
            var next = change(document);
            if (next is null) return false;

            var conditions = blobETag is null ? BlobConditions.IfAbsent : BlobConditions.IfETag(blobETag);
            var body = JsonSerializer.SerializeToUtf8Bytes(next, JsonSerializerOptions.Web);
            var response = await container.PutBlockBlobAsync(BlobName, body, conditions, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (response.IsSuccess) return true;
            if (response.Status is not (HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict or HttpStatusCode.NotFound))
                throw new StorageRequestException($"write membership table blob '{container.Name}/{BlobName}'", response.Status, response.ErrorCode);
        }
        throw new StorageConflictException($"Membership table blob '{container.Name}/{BlobName}' changed under every one of {MaxAttempts} attempts.");
    }

    private async Task<(MembershipDocument Document, string? BlobETag)> LoadAsync(CancellationToken cancellationToken)
    {
        var response = await container.GetBlobAsync(BlobName, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (response.Status == HttpStatusCode.NotFound) return (MembershipDocument.Empty, null);
        var document = JsonSerializer.Deserialize<MembershipDocument>(response.Body, JsonSerializerOptions.Web)
            ?? throw new InvalidDataException($"Membership table blob '{container.Name}/{BlobName}' is empty.");
        return (document, response.ETag);
    }

    private static List<MembershipEntry> Replace(MembershipDocument document, SiloRow row) =>
        document.Entries.Select(e => e.Row.SiloId == row.SiloId ? new MembershipEntry(row, NewETag()) : e).ToList();

    private static string NewETag() => Guid.NewGuid().ToString("N");
}
