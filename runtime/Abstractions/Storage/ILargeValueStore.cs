namespace Lens.Runtime.Storage;

/// <summary>
/// Content-addressed storage for large binary values (activation dumps, tensors, files). Events carry a
/// <see cref="LargeValueRef"/> instead of the bytes, so journals stay small and fast to replay.
/// </summary>
public interface ILargeValueStore
{
    /// <summary>
    /// Stores <paramref name="value"/> and returns its reference. Idempotent: the same bytes give the same
    /// reference (the id is derived from a SHA-256 of the content), so a retried put is harmless.
    /// </summary>
    Task<LargeValueRef> PutAsync(ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default);

    /// <summary>Reads the bytes behind <paramref name="reference"/>.</summary>
    /// <exception cref="KeyNotFoundException">No value has that reference.</exception>
    Task<byte[]> GetAsync(LargeValueRef reference, CancellationToken cancellationToken = default);
}
