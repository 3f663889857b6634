namespace Lens.Runtime.Storage.File;

/// <summary>One JSON file per state name and grain id, ETag-guarded.</summary>
public sealed class FileGrainStateStore(string root, bool durable = true) : IGrainStateStore
{
    private readonly string _root = Path.Combine(root, "state");

    /// <inheritdoc />
    public async Task<GrainStateRecord> ReadAsync(string stateName, string grainId, CancellationToken cancellationToken = default)
    {
        var document = await Document(stateName, grainId).ReadAsync(cancellationToken);
        return new GrainStateRecord(document.Data, document.ETag);
    }

    /// <inheritdoc />
    public Task<string> WriteAsync(string stateName, string grainId, byte[] data, string? expectedETag, CancellationToken cancellationToken = default) =>
        Document(stateName, grainId).UpdateAsync(d =>
        {
            if (d.ETag != expectedETag) throw new StateConflictException(stateName, grainId, expectedETag, d.ETag);
            d.Data = data;
            d.ETag = Guid.NewGuid().ToString("N");
            return (true, d.ETag);
        }, cancellationToken);

    /// <inheritdoc />
    public Task ClearAsync(string stateName, string grainId, string? expectedETag, CancellationToken cancellationToken = default) =>
        Document(stateName, grainId).UpdateAsync(d =>
        {
            if (d.ETag != expectedETag) throw new StateConflictException(stateName, grainId, expectedETag, d.ETag);
            d.Data = null;
            d.ETag = null;
            return (true, true);
        }, cancellationToken);

    private FileDocument<GrainStateDocument> Document(string stateName, string grainId) =>
        new(Path.Combine(_root, SafeFileName.For(stateName), SafeFileName.For(grainId) + ".json"), durable);
}
