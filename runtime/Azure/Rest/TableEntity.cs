namespace Lens.Runtime.Azure.Rest;

/// <summary>
/// A table entity with string properties only (the providers store numbers and times as invariant strings,
/// which keeps the JSON free of OData type annotations).
/// </summary>
/// <param name="PartitionKey">Partition key.</param>
/// <param name="RowKey">Row key, unique within the partition.</param>
/// <param name="Properties">Other properties.</param>
/// <param name="ETag">The weak ETag as read (<c>W/"datetime'…'"</c>); send it back verbatim.</param>
public sealed record TableEntity(string PartitionKey, string RowKey, IReadOnlyDictionary<string, string> Properties, string? ETag = null);
