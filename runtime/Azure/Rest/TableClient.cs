using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lens.Runtime.Azure.Rest;

/// <summary>
/// The Table service operations the providers need, in JSON (minimal metadata so ETags come back).
/// Existence and precondition answers (404, 409, 412) come back as responses; other refusals throw
/// <see cref="StorageRequestException"/>.
/// </summary>
public sealed class TableClient(StorageTransport transport)
{
    private const string JsonType = "application/json";
    private static readonly HttpStatusCode[] Interpreted = [HttpStatusCode.NotFound, HttpStatusCode.Conflict, HttpStatusCode.PreconditionFailed];
    private static readonly string[] SystemProperties = ["PartitionKey", "RowKey", "Timestamp"];

    /// <summary>The account this client talks to.</summary>
    public StorageAccount Account => transport.Account;

    /// <summary>Creates a table; 409 TableAlreadyExists means it is there already.</summary>
    public Task<StorageResponse> CreateTableAsync(string table, CancellationToken cancellationToken = default)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["TableName"] = table });
        var request = NewRequest(HttpMethod.Post, new Uri($"{Account.TableEndpoint}/Tables"), body);
        request.Headers["Prefer"] = "return-no-content";
        return SendAsync(request, $"create table '{table}'", cancellationToken);
    }

    /// <summary>Inserts an entity: 204, or 409 EntityAlreadyExists.</summary>
    public Task<StorageResponse> InsertAsync(string table, TableEntity entity, CancellationToken cancellationToken = default)
    {
        var request = NewRequest(HttpMethod.Post, new Uri($"{Account.TableEndpoint}/{table}"), Serialize(entity));
        request.Headers["Prefer"] = "return-no-content";
        return SendAsync(request, $"insert entity into table '{table}'", cancellationToken);
    }

    /// <summary>
    /// Replaces an entity. With <paramref name="etag"/> null it inserts or replaces unconditionally; with an ETag
    /// only if it matches (412 otherwise, 404 when missing). 204 with the new ETag.
    /// </summary>
    public Task<StorageResponse> ReplaceAsync(string table, TableEntity entity, string? etag, CancellationToken cancellationToken = default)
    {
        var request = NewRequest(HttpMethod.Put, EntityUri(table, entity.PartitionKey, entity.RowKey), Serialize(entity));
        if (etag is not null) request.Headers["If-Match"] = etag;
        return SendAsync(request, $"replace entity in table '{table}'", cancellationToken);
    }

    /// <summary>Deletes an entity if its ETag matches (<c>*</c>: any): 204, 404 or 412.</summary>
    public Task<StorageResponse> DeleteAsync(string table, string partitionKey, string rowKey, string etag, CancellationToken cancellationToken = default)
    {
        var request = NewRequest(HttpMethod.Delete, EntityUri(table, partitionKey, rowKey), null);
        request.Headers["If-Match"] = etag;
        return SendAsync(request, $"delete entity from table '{table}'", cancellationToken);
    }

    /// <summary>
    /// Every entity matching the OData <paramref name="filter"/> (null: all), following continuation tokens.
    /// A missing table reads as empty.
    /// </summary>
    public async Task<IReadOnlyList<TableEntity>> QueryAsync(string table, string? filter, CancellationToken cancellationToken = default)
    {
        var entities = new List<TableEntity>();
        string? nextPartition = null, nextRow = null;
        do
        {
            var request = NewRequest(HttpMethod.Get, new Uri($"{Account.TableEndpoint}/{table}()"), null);
            if (filter is not null) request.Query["$filter"] = filter;
            if (nextPartition is not null) request.Query["NextPartitionKey"] = nextPartition;
            if (nextRow is not null) request.Query["NextRowKey"] = nextRow;
            var response = await SendAsync(request, $"query table '{table}'", cancellationToken).ConfigureAwait(false);
            if (response.Status == HttpStatusCode.NotFound) return entities;
            if (!response.IsSuccess) throw new StorageRequestException($"query table '{table}' in account '{Account.Name}'", response.Status, response.ErrorCode);

            var page = JsonNode.Parse(response.Body)?["value"]?.AsArray() ?? [];
            entities.AddRange(page.OfType<JsonObject>().Select(Deserialize));
            nextPartition = response.Header("x-ms-continuation-NextPartitionKey");
            nextRow = response.Header("x-ms-continuation-NextRowKey");
        }
        while (nextPartition is not null);
        return entities;
    }

    /// <summary>Quotes a string for an OData filter: <c>'it''s'</c>.</summary>
    public static string Quote(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    private StorageRequest NewRequest(HttpMethod method, Uri uri, byte[]? body)
    {
        var request = new StorageRequest(method, uri) { Content = body ?? ReadOnlyMemory<byte>.Empty, ContentType = body is null ? null : JsonType };
        request.Headers["Accept"] = "application/json;odata=minimalmetadata";
        request.Headers["DataServiceVersion"] = "3.0;NetFx";
        request.Headers["MaxDataServiceVersion"] = "3.0;NetFx";
        return request;
    }

    private async Task<StorageResponse> SendAsync(StorageRequest request, string operation, CancellationToken cancellationToken)
    {
        var response = await transport.SendAsync(request, StorageService.Table, operation, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccess || Interpreted.Contains(response.Status)) return response;
        throw new StorageRequestException($"{operation} in account '{Account.Name}'", response.Status, response.ErrorCode);
    }

    private Uri EntityUri(string table, string partitionKey, string rowKey) =>
        new($"{Account.TableEndpoint}/{table}(PartitionKey={Uri.EscapeDataString(Quote(partitionKey))},RowKey={Uri.EscapeDataString(Quote(rowKey))})");

    private static byte[] Serialize(TableEntity entity)
    {
        var json = new JsonObject { ["PartitionKey"] = entity.PartitionKey, ["RowKey"] = entity.RowKey };
        foreach (var (name, value) in entity.Properties)
        {
            json[name] = value;
        }
        return Encoding.UTF8.GetBytes(json.ToJsonString());
    }

    private static TableEntity Deserialize(JsonObject json)
    {
        var properties = json
            .Where(p => !SystemProperties.Contains(p.Key) && !p.Key.StartsWith("odata.", StringComparison.Ordinal) && !p.Key.Contains('@'))
            .Where(p => p.Value is JsonValue value && value.GetValueKind() == JsonValueKind.String)
            .ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());
        return new TableEntity(
            json["PartitionKey"]?.GetValue<string>() ?? "",
            json["RowKey"]?.GetValue<string>() ?? "",
            properties,
            json["odata.etag"]?.GetValue<string>());
    }
}
