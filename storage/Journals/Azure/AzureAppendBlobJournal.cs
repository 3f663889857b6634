using System.Collections.Concurrent;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Lens.Storage.Azure;

namespace Lens.Storage.Journals.Azure;

/// <summary>
/// The cluster's journal: each stream is a chain of append blobs (segments) in <c>{prefix}journal</c>, one block per
/// batch, and a snapshot block blob in <c>{prefix}snapshot</c>.
/// </summary>
/// <remarks>
/// <para>An append carries the append-position condition: it lands only if the segment is exactly as long as the writer
/// saw it, so two writers can never both append at one version, and a block (a whole batch) lands entirely or not at
/// all. A refused append re-reads the tail: its own batch there (an earlier try whose answer was lost) is success, other
/// events are a conflict.</para>
/// <para>A segment takes at most <see cref="AzureJournalOptions.SegmentBlocks"/> frames; the next writer then appends a
/// seal frame (under the same condition, so the seal cannot fork either) and continues in the next segment.</para>
/// <para>Reads fetch byte ranges from a known position: the end of the stream as last seen, or the tail start a
/// snapshot records. Reading a whole append blob slows down as its blocks accumulate.</para>
/// </remarks>
public sealed class AzureAppendBlobJournal : IEventJournal
{
    // The caches only save reads; past this many streams they start over rather than grow without bound.
    private const int MaxCachedStreams = 100_000;
    private const int MaxAppendRounds = 32;

    private readonly BlobContainerClient _segments;
    private readonly BlobContainerClient _snapshots;
    private readonly AzureJournalOptions _options;
    private readonly string _endpoint;
    private readonly ConcurrentDictionary<string, AzureStreamCache> _streams = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _containersGate = new(1, 1);
    private volatile bool _containersReady;
    private long _bytesRead;

    /// <summary>Creates the journal over a blob service (give it bounded timeouts: <see cref="AzureStorageClients.Blobs"/>).</summary>
    public AzureAppendBlobJournal(BlobServiceClient service, AzureJournalOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(service);
        _options = options ?? new AzureJournalOptions();
        _options.Validate();
        _segments = service.GetBlobContainerClient(_options.ContainerPrefix + "journal");
        _snapshots = service.GetBlobContainerClient(_options.ContainerPrefix + "snapshot");
        _endpoint = service.Uri.ToString().TrimEnd('/');
    }

    /// <summary>Creates the journal over the account in <paramref name="connectionString"/>, with the options' timeouts.</summary>
    public AzureAppendBlobJournal(string connectionString, AzureJournalOptions? options = null)
        : this(AzureStorageClients.Blobs(connectionString, (options ?? new()).RequestTimeout, (options ?? new()).MaxRetries), options)
    {
    }

    /// <summary>Journal bytes downloaded so far (snapshots not counted): shows that reads stay on the tail.</summary>
    public long BytesRead => Interlocked.Read(ref _bytesRead);

    /// <summary>The container holding the segments.</summary>
    public string JournalContainer => _segments.Name;

    /// <inheritdoc />
    public Task<JournalRead> ReadAsync(string stream, CancellationToken cancellationToken = default)
    {
        JournalBatch.CheckStream(stream);
        return GuardAsync(stream, "read", async () =>
        {
            var snapshot = await ReadSnapshotAsync(stream, cancellationToken).ConfigureAwait(false);
            var read = await ReadToEndAsync(stream, snapshot?.TailStart, snapshot?.Version ?? 0, cancellationToken).ConfigureAwait(false);
            if (snapshot is not null && snapshot.Version > read.End.Version)
                throw new JournalCorruptException(stream, $"{_endpoint}/{_segments.Name}", $"the snapshot is at version {snapshot.Version} but the segments end at version {read.End.Version}");
            return new JournalRead(snapshot is null ? null : new JournalSnapshot(snapshot.Version, snapshot.State), read.Entries, read.End.Version);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<long> AppendAsync(string stream, long expectedVersion, IReadOnlyList<JournalRecord> batch, CancellationToken cancellationToken = default)
    {
        var frame = JournalBatch.Encode(stream, expectedVersion, batch, AzureJournalOptions.MaxBlockBytes);
        return GuardAsync(stream, "append to", async () =>
        {
            var cache = CacheFor(stream);
            var tail = cache.Tail ?? (await ReadToEndAsync(stream, await SnapshotStartAsync(stream, cancellationToken).ConfigureAwait(false), long.MaxValue, cancellationToken).ConfigureAwait(false)).End;
            var toWrite = batch;
            var expected = expectedVersion;
            for (var round = 0; round < MaxAppendRounds; round++)
            {
                if (tail.Version < expected && round == 0)
                {
                    tail = await RefreshAsync(stream, tail, cancellationToken).ConfigureAwait(false); // the cache may lag behind another writer
                    continue;
                }
                if (tail.Version != expected)
                {
                    var stored = tail.Version > expected
                        ? Resubmission.StoredPrefix((await ReadAfterAsync(stream, expected, cancellationToken).ConfigureAwait(false)).Entries, toWrite)
                        : -1;
                    if (stored < 0) throw new JournalConflictException(stream, expected, tail.Version);
                    if (stored == toWrite.Count) return expected + toWrite.Count;
                    // The first events of this batch are stored (an earlier, shorter submission landed) and the stream
                    // ends after them: append the rest there.
                    toWrite = toWrite.Skip(stored).ToList();
                    expected += stored;
                    frame = JournalFrame.Encode(expected + 1, toWrite);
                }
                if (tail.Blocks >= _options.SegmentBlocks)
                {
                    tail = await SealAsync(stream, tail, cancellationToken).ConfigureAwait(false);
                    continue;
                }
                if (await TryAppendAsync(stream, tail, frame, toWrite.Count, cancellationToken).ConfigureAwait(false) is { } end) return end.Version;
                tail = await RefreshAsync(stream, tail, cancellationToken).ConfigureAwait(false);
            }
            throw new JournalConflictException(stream, expectedVersion, tail.Version);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task WriteSnapshotAsync(string stream, long version, ReadOnlyMemory<byte> state, CancellationToken cancellationToken = default)
    {
        JournalBatch.CheckStream(stream);
        ArgumentOutOfRangeException.ThrowIfNegative(version);
        return GuardAsync(stream, "write a snapshot of", async () =>
        {
            var blob = _snapshots.GetBlobClient(SafeName.Escape(stream));
            for (var round = 0; ; round++)
            {
                var existing = await PropertiesAsync(blob, cancellationToken).ConfigureAwait(false);
                if (existing is not null && SnapshotBlob.VersionOf(existing.Metadata) >= version) return;
                var boundary = await BoundaryAsync(stream, version, existing is null ? null : SnapshotBlob.TailStartOf(existing.Metadata), cancellationToken).ConfigureAwait(false);
                var snapshot = new SnapshotBlob(version, boundary, state);
                var conditions = existing is null ? new BlobRequestConditions { IfNoneMatch = ETag.All } : new BlobRequestConditions { IfMatch = existing.ETag };
                try
                {
                    await blob.UploadAsync(BinaryData.FromBytes(state), new BlobUploadOptions { Metadata = snapshot.Metadata(), Conditions = conditions }, cancellationToken).ConfigureAwait(false);
                    return;
                }
                catch (RequestFailedException e) when (e.Status is 409 or 412 && round < 3)
                {
                    // Another writer replaced the snapshot meanwhile: look again, it may already be newer.
                }
            }
        }, cancellationToken);
    }

    // Where the frames after `version` start; the stream is read from the nearest known boundary to find it.
    private async Task<JournalPosition> BoundaryAsync(string stream, long version, JournalPosition? snapshotStart, CancellationToken cancellationToken)
    {
        var cache = CacheFor(stream);
        if (cache.Index.At(version) is { } known) return known;
        var read = await ReadToEndAsync(stream, StartBefore(cache, version, snapshotStart), long.MaxValue, cancellationToken).ConfigureAwait(false);
        if (version > read.End.Version)
            throw new ArgumentOutOfRangeException(nameof(version), version, $"Journal stream '{stream}': cannot snapshot version {version}, the stream ends at version {read.End.Version}.");
        return cache.Index.At(version) ?? (read.End.Version == version ? (JournalPosition?)read.End.Position : null)
            ?? throw new ArgumentException($"Journal stream '{stream}': version {version} falls inside a stored batch; snapshot a version that ends a batch.", nameof(version));
    }

    private Task<SegmentRead> ReadAfterAsync(string stream, long afterVersion, CancellationToken cancellationToken) =>
        ReadToEndAsync(stream, StartBefore(CacheFor(stream), afterVersion, null), afterVersion, cancellationToken);

    private static JournalPosition? StartBefore(AzureStreamCache cache, long version, JournalPosition? snapshotStart)
    {
        var floor = cache.Index.Floor(version);
        return snapshotStart is { } s && s.Version <= version && (floor is null || s.Version > floor.Value.Version) ? s : floor;
    }

    private async Task<SegmentTail> RefreshAsync(string stream, SegmentTail from, CancellationToken cancellationToken) =>
        (await ReadToEndAsync(stream, from.Position, long.MaxValue, cancellationToken).ConfigureAwait(false)).End;

    // Reads from `start`, or from the stream's beginning when `start` does not hold the next frame.
    private async Task<SegmentRead> ReadToEndAsync(string stream, JournalPosition? start, long collectAfter, CancellationToken cancellationToken)
    {
        if (start is { } from && from != JournalPosition.Start
            && await ScanAsync(stream, from, collectAfter, cancellationToken).ConfigureAwait(false) is { } read)
        {
            return read;
        }
        return await ScanAsync(stream, JournalPosition.Start, collectAfter, cancellationToken).ConfigureAwait(false)
            ?? throw new JournalCorruptException(stream, SegmentName(stream, 0), "the stream does not start with event 1");
    }

    // Frames from `from` to the end, across sealed segments; null when `from` does not start the next frame.
    private async Task<SegmentRead?> ScanAsync(string stream, JournalPosition from, long collectAfter, CancellationToken cancellationToken)
    {
        var cache = CacheFor(stream);
        var entries = new List<JournalEntry>();
        var position = from;
        while (true)
        {
            await EnsureContainersAsync(cancellationToken).ConfigureAwait(false);
            var blob = _segments.GetAppendBlobClient(SegmentName(stream, position.Segment));
            // Start one byte early: the answer is then never empty (a range at the very end is refused) and always
            // carries the segment's block count.
            var skip = position.Offset > 0 ? 1 : 0;
            BlobDownloadResult result;
            try
            {
                var range = skip == 0 ? default : new HttpRange(position.Offset - 1);
                result = (await blob.DownloadContentAsync(new BlobDownloadOptions { Range = range }, cancellationToken).ConfigureAwait(false)).Value;
            }
            catch (RequestFailedException e) when (e.Status == 404 && position.Offset == 0)
            {
                return new SegmentRead(entries, Remember(cache, new SegmentTail(position, 0))); // the segment is not created yet
            }
            catch (RequestFailedException e) when (e.Status is 404 or 416)
            {
                return null; // a position past the end of the segment: stale
            }

            var data = result.Content.ToMemory();
            if (data.Length < skip) return null;
            data = data[skip..];
            Interlocked.Add(ref _bytesRead, data.Length);
            var segmentStart = position.Offset;
            var at = 0;
            var sealedHere = false;
            while (at < data.Length)
            {
                var status = JournalFrame.TryRead(data[at..], out var frame);
                if (status != FrameStatus.Complete || frame.FirstVersion != position.Version + 1)
                {
                    if (position == from) return null;
                    throw new JournalCorruptException(stream, $"{blob.Uri} byte {segmentStart + at}", status == FrameStatus.Complete
                        ? $"expected event {position.Version + 1} but the frame there starts at event {frame.FirstVersion}"
                        : $"the block there is not an intact frame ({status})");
                }
                at += frame.Length;
                if (frame.IsSeal)
                {
                    sealedHere = true;
                    break;
                }
                frame.AddEntriesTo(entries, collectAfter);
                position = new JournalPosition(frame.EndVersion, position.Segment, segmentStart + at);
                cache.Index.Add(position);
            }
            if (!sealedHere) return new SegmentRead(entries, Remember(cache, new SegmentTail(position, result.Details.BlobCommittedBlockCount)));
            position = position.NextSegment;
        }
    }

    // One conditional append; null when the position was taken (by another writer, or by an earlier try of this one).
    private async Task<SegmentTail?> TryAppendAsync(string stream, SegmentTail tail, byte[] frame, int count, CancellationToken cancellationToken)
    {
        var blob = _segments.GetAppendBlobClient(SegmentName(stream, tail.Position.Segment));
        var options = new AppendBlobAppendBlockOptions { Conditions = new AppendBlobRequestConditions { IfAppendPositionEqual = tail.Position.Offset } };
        for (var created = false; ; created = true)
        {
            try
            {
                using var content = new MemoryStream(frame, writable: false);
                var info = (await blob.AppendBlockAsync(content, options, cancellationToken).ConfigureAwait(false)).Value;
                var end = new JournalPosition(tail.Version + count, tail.Position.Segment, tail.Position.Offset + frame.Length);
                return Remember(CacheFor(stream), new SegmentTail(end, info.BlobCommittedBlockCount));
            }
            catch (RequestFailedException e) when (e.Status == 404 && tail.Position.Offset == 0 && !created)
            {
                await EnsureContainersAsync(cancellationToken).ConfigureAwait(false);
                await blob.CreateIfNotExistsAsync(new AppendBlobCreateOptions(), cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                return null;
            }
            catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.BlockCountExceedsLimit)
            {
                throw new JournalCorruptException(stream, blob.Uri.ToString(), $"the segment is full ({AzureJournalOptions.MaxBlocksPerBlob} blocks) without a seal; was it written with SegmentBlocks above {_options.SegmentBlocks}?");
            }
        }
    }

    // Closes a full segment; the position condition lets only one writer do so. Returns the stream's new end.
    private async Task<SegmentTail> SealAsync(string stream, SegmentTail tail, CancellationToken cancellationToken)
    {
        var blob = _segments.GetAppendBlobClient(SegmentName(stream, tail.Position.Segment));
        var options = new AppendBlobAppendBlockOptions { Conditions = new AppendBlobRequestConditions { IfAppendPositionEqual = tail.Position.Offset } };
        try
        {
            using var content = new MemoryStream(JournalFrame.EncodeSeal(tail.Version + 1), writable: false);
            await blob.AppendBlockAsync(content, options, cancellationToken).ConfigureAwait(false);
            return Remember(CacheFor(stream), new SegmentTail(tail.Position.NextSegment, 0));
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return await RefreshAsync(stream, tail, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<SnapshotBlob?> ReadSnapshotAsync(string stream, CancellationToken cancellationToken)
    {
        await EnsureContainersAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var result = (await _snapshots.GetBlobClient(SafeName.Escape(stream)).DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value;
            return SnapshotBlob.From(result.Details.Metadata, result.Content.ToMemory());
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    private async Task<JournalPosition?> SnapshotStartAsync(string stream, CancellationToken cancellationToken)
    {
        await EnsureContainersAsync(cancellationToken).ConfigureAwait(false);
        var properties = await PropertiesAsync(_snapshots.GetBlobClient(SafeName.Escape(stream)), cancellationToken).ConfigureAwait(false);
        return properties is null ? null : SnapshotBlob.TailStartOf(properties.Metadata);
    }

    private static async Task<BlobProperties?> PropertiesAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            return (await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    private async Task EnsureContainersAsync(CancellationToken cancellationToken)
    {
        if (_containersReady) return;
        await _containersGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_containersReady) return;
            await _segments.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            await _snapshots.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            _containersReady = true;
        }
        finally
        {
            _containersGate.Release();
        }
    }

    private Task GuardAsync(string stream, string operation, Func<Task> work, CancellationToken cancellationToken) =>
        GuardAsync(stream, operation, async () =>
        {
            await work().ConfigureAwait(false);
            return true;
        }, cancellationToken);

    private async Task<T> GuardAsync<T>(string stream, string operation, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (Exception e) when (AzureFailure.IsUnavailable(e, cancellationToken))
        {
            // An append may have landed or not: forget the tail so the next call learns it from the blob itself.
            CacheFor(stream).Forget();
            throw new JournalUnavailableException(stream, _endpoint, operation, AzureFailure.Describe(e, _options.RequestTimeout), e);
        }
    }

    private static SegmentTail Remember(AzureStreamCache cache, SegmentTail tail)
    {
        cache.Advance(tail);
        return tail;
    }

    private AzureStreamCache CacheFor(string stream)
    {
        if (_streams.Count > MaxCachedStreams) _streams.Clear();
        return _streams.GetOrAdd(stream, static _ => new AzureStreamCache());
    }

    private static string SegmentName(string stream, int segment) =>
        $"{SafeName.Escape(stream)}/{segment.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)}";
}
