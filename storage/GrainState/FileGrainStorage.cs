using Lens.Storage.Files;
using Lens.Storage.Journals;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Lens.Storage.GrainState;

/// <summary>
/// Grain state as files for the embedded mode: <c>{folder}/{state name}/{grain id}.state</c>, replaced atomically
/// (temp file, flush, rename) under a file lock, with ETag checks: a write or clear whose ETag is not the stored one
/// throws <see cref="InconsistentStateException"/> and changes nothing.
/// </summary>
public sealed class FileGrainStorage : IGrainStorage
{
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);
    private readonly string _name;
    private readonly IGrainStorageSerializer _serializer;
    private readonly IActivatorProvider _activators;
    private readonly LockStripes _gates = new();

    /// <summary>Creates the storage over <paramref name="directory"/> (created if missing).</summary>
    public FileGrainStorage(string name, string directory, IGrainStorageSerializer serializer, IActivatorProvider activators)
    {
        _name = name;
        Directory = Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(Directory);
        _serializer = serializer;
        _activators = activators;
    }

    /// <summary>The folder holding the state files.</summary>
    public string Directory { get; }

    /// <summary>Creates the storage with the silo's grain-state serializer (for <c>AddGrainStorage</c>).</summary>
    public static FileGrainStorage Create(IServiceProvider services, string name, string directory) =>
        new(name, directory, services.GetRequiredService<IGrainStorageSerializer>(), services.GetRequiredService<IActivatorProvider>());

    /// <inheritdoc />
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var path = PathFor(stateName, grainId);
        var stored = await ReadAsync(path, CancellationToken.None);
        if (stored is null)
        {
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }
        grainState.State = _serializer.Deserialize<T>(stored.State);
        grainState.ETag = stored.ETagText;
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        UnderLockAsync(stateName, grainId, "write", async path =>
        {
            await CheckETagAsync(path, stateName, grainId, grainState.ETag, "write");
            var file = new GrainStateFile(Guid.NewGuid(), _serializer.Serialize(grainState.State).ToMemory());
            await AtomicFile.WriteAsync(path, file.Encode(), CancellationToken.None);
            grainState.ETag = file.ETagText;
            grainState.RecordExists = true;
        });

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        UnderLockAsync(stateName, grainId, "clear", async path =>
        {
            await CheckETagAsync(path, stateName, grainId, grainState.ETag, "clear");
            File.Delete(path);
            grainState.ETag = null;
            grainState.RecordExists = false;
            grainState.State = _activators.GetActivator<T>().Create();
        });

    private async Task CheckETagAsync(string path, string stateName, GrainId grainId, string? expected, string operation)
    {
        var stored = (await ReadAsync(path, CancellationToken.None))?.ETagText;
        if (stored != expected)
            throw new InconsistentStateException(
                $"File grain storage '{_name}': cannot {operation} state '{stateName}' of {grainId}: the grain holds ETag '{expected ?? "(none)"}' but the file holds '{stored ?? "(none)"}' (another activation wrote it); nothing was changed.",
                stored ?? "(none)", expected ?? "(none)");
    }

    private static async Task<GrainStateFile?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var bytes = await AtomicFile.ReadAsync(path, cancellationToken);
        return bytes is null ? null : GrainStateFile.Decode(bytes, path);
    }

    private async Task UnderLockAsync(string stateName, GrainId grainId, string operation, Func<string, Task> work)
    {
        var path = PathFor(stateName, grainId);
        try
        {
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await using var _ = await FileLock.AcquireAsync(path + ".lock", _gates.For(path), LockTimeout, CancellationToken.None);
            await work(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or TimeoutException)
        {
            throw new IOException($"File grain storage '{_name}': could not {operation} state '{stateName}' of {grainId} at '{path}': {e.Message}", e);
        }
    }

    private string PathFor(string stateName, GrainId grainId) =>
        Path.Combine(Directory, SafeName.Escape(stateName), SafeName.Escape(grainId.ToString()) + ".state");
}
