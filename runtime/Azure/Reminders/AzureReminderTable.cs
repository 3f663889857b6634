using System.Globalization;
using System.Net;
using Lens.Runtime.Azure.Rest;
using Lens.Runtime.Storage;

namespace Lens.Runtime.Azure.Reminders;

/// <summary>
/// Reminders in Table storage: partition = the grain (base64url), row = the reminder name (base64url),
/// so one grain's reminders are one partition. The grain hash is a fixed-width hex property, so ring
/// ranges are string comparisons in the filter. ETags are the service's weak ETags, passed through verbatim.
/// </summary>
public sealed class AzureReminderTable(TableClient client, string table) : IReminderTable
{
    private const string GrainIdKey = "GrainId";
    private const string HashKey = "GrainHash";
    private const string NameKey = "Name";
    private const string StartKey = "StartAt";
    private const string PeriodKey = "PeriodTicks";

    /// <inheritdoc />
    public Task<IReadOnlyList<ReminderRow>> ReadGrainAsync(string grainId, CancellationToken cancellationToken = default) =>
        QueryAsync($"PartitionKey eq {TableClient.Quote(SafeName.TableKey(grainId))}", cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ReminderRow>> ReadRangeAsync(uint begin, uint end, CancellationToken cancellationToken = default)
    {
        if (begin == end) return ReadAllAsync(cancellationToken);
        var after = $"{HashKey} gt {TableClient.Quote(Hex(begin))}";
        var upTo = $"{HashKey} le {TableClient.Quote(Hex(end))}";
        return QueryAsync(begin < end ? $"{after} and {upTo}" : $"{after} or {upTo}", cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ReminderRow>> ReadAllAsync(CancellationToken cancellationToken = default) => QueryAsync(null, cancellationToken);

    /// <inheritdoc />
    public async Task<string> UpsertAsync(ReminderRow row, CancellationToken cancellationToken = default)
    {
        var entity = new TableEntity(SafeName.TableKey(row.GrainId), SafeName.TableKey(row.Name), new Dictionary<string, string>
        {
            [GrainIdKey] = row.GrainId,
            [HashKey] = Hex(row.GrainHash),
            [NameKey] = row.Name,
            [StartKey] = row.StartAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
            [PeriodKey] = row.Period.Ticks.ToString(CultureInfo.InvariantCulture),
        });
        var response = await WithTableAsync(() => client.ReplaceAsync(table, entity, null, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (response.IsSuccess) return response.ETag!;
        throw new StorageRequestException($"upsert reminder '{row.Name}' of '{row.GrainId}' in table '{table}'", response.Status, response.ErrorCode);
    }

    /// <inheritdoc />
    public async Task<bool> RemoveAsync(string grainId, string name, string etag, CancellationToken cancellationToken = default)
    {
        var response = await client.DeleteAsync(table, SafeName.TableKey(grainId), SafeName.TableKey(name), etag, cancellationToken).ConfigureAwait(false);
        return response.IsSuccess;
    }

    private async Task<IReadOnlyList<ReminderRow>> QueryAsync(string? filter, CancellationToken cancellationToken)
    {
        var entities = await client.QueryAsync(table, filter, cancellationToken).ConfigureAwait(false);
        return entities.Select(ToRow).ToList();
    }

    private async Task<StorageResponse> WithTableAsync(Func<Task<StorageResponse>> write, CancellationToken cancellationToken)
    {
        var response = await write().ConfigureAwait(false);
        if (response.Status != HttpStatusCode.NotFound || response.ErrorCode != "TableNotFound") return response;
        await client.CreateTableAsync(table, cancellationToken).ConfigureAwait(false);
        return await write().ConfigureAwait(false);
    }

    private static ReminderRow ToRow(TableEntity entity) => new(
        entity.Properties[GrainIdKey],
        uint.Parse(entity.Properties[HashKey], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
        entity.Properties[NameKey],
        DateTimeOffset.Parse(entity.Properties[StartKey], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        TimeSpan.FromTicks(long.Parse(entity.Properties[PeriodKey], CultureInfo.InvariantCulture)),
        entity.ETag);

    // Fixed width, upper case: string order equals numeric order.
    private static string Hex(uint hash) => hash.ToString("X8", CultureInfo.InvariantCulture);
}
