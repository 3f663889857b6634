namespace Lens.Runtime.Storage;

/// <summary>
/// The grain directory's durable registrations: which silo holds the single activation of a grain.
/// First writer wins; a registration that points at a dead silo is taken over with its ETag.
/// </summary>
public interface IGrainRegistrationStore
{
    /// <summary>The current registration, or null.</summary>
    Task<GrainRegistration?> LookupAsync(string grainId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Registers <paramref name="proposed"/> and returns the registration that holds afterwards, with its
    /// ETag: the proposed one if it won, otherwise the existing one (compare <see cref="GrainRegistration.ActivationId"/>).
    /// With <paramref name="previousETag"/> null the write succeeds only when no registration exists; with an
    /// ETag it replaces the stored registration only when the stored ETag equals it (or nothing is stored).
    /// </summary>
    Task<GrainRegistration> RegisterAsync(GrainRegistration proposed, string? previousETag, CancellationToken cancellationToken = default);

    /// <summary>Deletes the registration if its ETag equals <paramref name="etag"/>; false otherwise.</summary>
    Task<bool> UnregisterAsync(string grainId, string etag, CancellationToken cancellationToken = default);
}
