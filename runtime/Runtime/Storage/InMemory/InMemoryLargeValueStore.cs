using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Lens.Runtime.Storage.InMemory;

/// <summary>Content-addressed values in memory.</summary>
public sealed class InMemoryLargeValueStore : ILargeValueStore
{
    private readonly ConcurrentDictionary<string, byte[]> _values = new();

    /// <inheritdoc />
    public Task<LargeValueRef> PutAsync(ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
    {
        var reference = new LargeValueRef("sha256-" + Convert.ToHexStringLower(SHA256.HashData(value.Span)), value.Length);
        _values.TryAdd(reference.Id, value.ToArray());
        return Task.FromResult(reference);
    }

    /// <inheritdoc />
    public Task<byte[]> GetAsync(LargeValueRef reference, CancellationToken cancellationToken = default) =>
        _values.TryGetValue(reference.Id, out var value)
            ? Task.FromResult(value.ToArray())
            : Task.FromException<byte[]>(new KeyNotFoundException($"Large value '{reference.Id}' does not exist."));
}
