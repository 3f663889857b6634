namespace Lens.Runtime.Storage.File;

/// <summary>One small file per grain under <c>directory/</c>; register = conditional read-modify-write under the lock.</summary>
public sealed class FileRegistrationStore(string root, bool durable = true) : IGrainRegistrationStore
{
    private readonly string _root = Path.Combine(root, "directory");

    /// <inheritdoc />
    public async Task<GrainRegistration?> LookupAsync(string grainId, CancellationToken cancellationToken = default) =>
        (await Document(grainId).ReadAsync(cancellationToken)).Registration;

    /// <inheritdoc />
    public Task<GrainRegistration> RegisterAsync(GrainRegistration proposed, string? previousETag, CancellationToken cancellationToken = default) =>
        Document(proposed.GrainId).UpdateAsync(d =>
        {
            var current = d.Registration;
            if (current is not null && current.ETag != previousETag) return (false, current);
            d.Registration = proposed with { ETag = Guid.NewGuid().ToString("N") };
            return (true, d.Registration);
        }, cancellationToken);

    /// <inheritdoc />
    public Task<bool> UnregisterAsync(string grainId, string etag, CancellationToken cancellationToken = default) =>
        Document(grainId).UpdateAsync(d =>
        {
            if (d.Registration?.ETag != etag) return (false, false);
            d.Registration = null;
            return (true, true);
        }, cancellationToken);

    private FileDocument<RegistrationDocument> Document(string grainId) =>
        new(Path.Combine(_root, SafeFileName.For(grainId) + ".json"), durable);
}
