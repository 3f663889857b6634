using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Lens.Runtime.Azure.Rest;
using Lens.Runtime.Storage;

namespace Lens.Runtime.Azure.Journals;

/// <summary>
/// Journals as append blobs (one block per append, so a batch lands whole or not at all) and snapshots as
/// block blobs. An append carries the append-position condition: it succeeds only if the blob is exactly as
/// long as this writer believes, so two writers with the same expected version can never both append.
/// </summary>
/// <remarks>
/// <para>An append blob takes at most 50,000 blocks, so a journal is a chain of segment blobs. When a segment
/// holds <c>segmentBlocks</c> blocks the next writer appends a seal frame to it (under the same position
/// condition, so the seal itself cannot fork) and continues in the next segment.</para>
/// <para>Reads fetch only the tail: the store remembers where each journal ended when last seen and where the
/// events after a snapshot start (also written into the snapshot's metadata), and reads by byte range from
/// there; reading a whole append blob gets slow as blocks accumulate.</para>
/// </remarks>
public sealed class AzureJournalStore : IJournalStore
{
    /// <summary>The largest block an append may write (the service's limit for API version 2021-12-02).</summary>
    public const int MaxAppendBytes = 4 * 1024 * 1024;

    /// <summary>Blocks per segment by default: under Azure's 50,000 with room for writers that lag behind.</summary>
    public const int DefaultSegmentBlocks = 49_000;

    private const string VersionKey = "version";
    private const string SegmentKey = "segment";
    private const string OffsetKey = "offset";

    // The caches only save reads; past this many journals they start over instead of growing without bound.
    private const int MaxCachedJournals = 100_000;

    private readonly BlobContainer _journals;
    private readonly BlobContainer _snapshots;
    private readonly int _segmentBlocks;

    // Where each journal ended when last read or appended by this process; journals only grow, so a cached
    // tail can be behind the truth, never ahead of it.
    private readonly ConcurrentDictionary<string, JournalCursor> _tails = new();

    // Where the events after each journal's latest snapshot start.
    private readonly ConcurrentDictionary<string, JournalCursor> _anchors = new();

    private long _bytesRead;

    /// <summary>Creates the store over two containers.</summary>
    /// <param name="journals">Holds the journal segments.</param>
    /// <param name="snapshots">Holds one snapshot per journal.</param>
    /// <param name="segmentBlocks">Appends per segment blob before the journal continues in the next one.</param>
    public AzureJournalStore(BlobContainer journals, BlobContainer snapshots, int segmentBlocks = DefaultSegmentBlocks)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(segmentBlocks, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(segmentBlocks, 49_999);
        _journals = journals;
        _snapshots = snapshots;
        _segmentBlocks = segmentBlocks;
    }

    /// <summary>Journal bytes downloaded so far: shows whether reads stay on the tail.</summary>
    public long BytesRead => Interlocked.Read(ref _bytesRead);

    /// <inheritdoc />
    public async Task<JournalSlice> ReadAsync(string journalId, long afterVersion, CancellationToken cancellationToken = default)
    {
        var read = await ReadFromAsync(journalId, StartFor(journalId, afterVersion), cancellationToken).ConfigureAwait(false);
        if (read is null)
        {
            // The remembered offset did not land on the expected event: forget it and read from the start.
            _anchors.TryRemove(journalId, out _);
            _tails.TryRemove(journalId, out _);
            read = await ReadFromAsync(journalId, JournalCursor.Start, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidDataException($"Journal '{journalId}' does not start with event 1.");
        }
        var (entries, end) = read.Value;
        Remember(journalId, end);
        return new JournalSlice(entries.Where(e => e.Sequence > afterVersion).ToList(), end.Version);
    }

    /// <inheritdoc />
    public async Task<long> AppendAsync(string journalId, long expectedVersion, IReadOnlyList<byte[]> events, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        var position = await PositionOfAsync(journalId, expectedVersion, cancellationToken).ConfigureAwait(false);
        if (events.Count == 0) return expectedVersion;

        var block = JournalFrame.Encode(expectedVersion + 1, events);
        if (block.Length > MaxAppendBytes)
            throw new ArgumentException($"Journal '{journalId}': one append may hold at most {MaxAppendBytes} bytes, got {block.Length}; store large values in ILargeValueStore.", nameof(events));

        StorageResponse response;
        bool landed;
        try
        {
            if (position.Blocks >= _segmentBlocks) position = await SealAsync(journalId, position, cancellationToken).ConfigureAwait(false);
            response = await AppendAtAsync(SegmentBlob(journalId, position.Segment), block, position.Offset, cancellationToken).ConfigureAwait(false);
            landed = response.IsSuccess
                || (response.Status == HttpStatusCode.PreconditionFailed && await LandedAsync(journalId, position, block, cancellationToken).ConfigureAwait(false));
        }
        catch (StorageUnavailableException)
        {
            // The append may or may not have landed; the next caller must find out from the blob itself.
            _tails.TryRemove(journalId, out _);
            throw;
        }

        if (landed)
        {
            // A resend acknowledged through LandedAsync carries no block count: -1 makes the next append re-read it.
            var end = new JournalCursor(expectedVersion + events.Count, position.Segment, position.Offset + block.Length, BlockCount(response));
            Remember(journalId, end);
            return end.Version;
        }
        if (response.ErrorCode == "BlockCountExceedsLimit")
            throw new StorageRequestException($"append to journal '{journalId}' (segment {position.Segment} is full although segments hold {_segmentBlocks} blocks)", response.Status, response.ErrorCode);
        if (response.Status is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
            throw await ConflictAsync(journalId, expectedVersion, cancellationToken).ConfigureAwait(false);
        throw new StorageRequestException($"append to journal '{journalId}'", response.Status, response.ErrorCode);
    }

    /// <inheritdoc />
    public async Task<JournalSnapshot?> ReadSnapshotAsync(string journalId, CancellationToken cancellationToken = default)
    {
        var response = await _snapshots.GetBlobAsync(SafeName.Escape(journalId), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (response.Status == HttpStatusCode.NotFound) return null;
        var version = long.Parse(response.Header("x-ms-meta-" + VersionKey) ?? "0", CultureInfo.InvariantCulture);
        if (int.TryParse(response.Header("x-ms-meta-" + SegmentKey), CultureInfo.InvariantCulture, out var segment)
            && long.TryParse(response.Header("x-ms-meta-" + OffsetKey), CultureInfo.InvariantCulture, out var offset))
        {
            _anchors[journalId] = new JournalCursor(version, segment, offset, -1);
        }
        return new JournalSnapshot(version, response.Body, response.ETag!);
    }

    /// <inheritdoc />
    public async Task<string> WriteSnapshotAsync(string journalId, long version, byte[] state, string? expectedETag, CancellationToken cancellationToken = default)
    {
        var metadata = new Dictionary<string, string> { [VersionKey] = version.ToString(CultureInfo.InvariantCulture) };
        var known = KnownCursor(journalId, version);
        if (known is { } cursor)
        {
            metadata[SegmentKey] = cursor.Segment.ToString(CultureInfo.InvariantCulture);
            metadata[OffsetKey] = cursor.Offset.ToString(CultureInfo.InvariantCulture);
        }

        var conditions = expectedETag is null ? BlobConditions.IfAbsent : BlobConditions.IfETag(expectedETag);
        var response = await _snapshots.PutBlockBlobAsync(SafeName.Escape(journalId), state, conditions, metadata, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccess)
        {
            if (known is { } anchor) _anchors[journalId] = anchor;
            return response.ETag!;
        }
        if (response.Status is HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict or HttpStatusCode.NotFound)
            throw new StorageConflictException($"Snapshot of journal '{journalId}': expected ETag '{expectedETag ?? "(none)"}' no longer holds ({response.ErrorCode}); nothing was written.");
        throw new StorageRequestException($"write snapshot of journal '{journalId}'", response.Status, response.ErrorCode);
    }

    // The end of the journal when it holds exactly expectedVersion events, or a conflict.
    private async Task<JournalCursor> PositionOfAsync(string journalId, long expectedVersion, CancellationToken cancellationToken)
    {
        if (_tails.TryGetValue(journalId, out var tail))
        {
            if (tail.Version == expectedVersion && tail.Blocks >= 0) return tail;
            if (tail.Version > expectedVersion) throw new JournalConflictException(journalId, expectedVersion, tail.Version);
        }
        else if (expectedVersion == 0)
        {
            return JournalCursor.Start;
        }
        var slice = await ReadAsync(journalId, expectedVersion, cancellationToken).ConfigureAwait(false);
        if (slice.Version != expectedVersion || !_tails.TryGetValue(journalId, out tail) || tail.Version != expectedVersion)
            throw new JournalConflictException(journalId, expectedVersion, slice.Version);
        return tail;
    }

    // Closes a full segment with the seal frame; the position condition makes this writer the only one to do so.
    private async Task<JournalCursor> SealAsync(string journalId, JournalCursor end, CancellationToken cancellationToken)
    {
        var conditions = new BlobConditions(AppendPosition: end.Offset);
        var seal = JournalFrame.Seal(end.Version + 1);
        var response = await _journals.AppendBlockAsync(SegmentBlob(journalId, end.Segment), seal, conditions, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccess || (response.Status == HttpStatusCode.PreconditionFailed && await LandedAsync(journalId, end, seal, cancellationToken).ConfigureAwait(false)))
        {
            Remember(journalId, end.NextSegment);
            return end.NextSegment;
        }
        if (response.Status is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
            throw await ConflictAsync(journalId, end.Version, cancellationToken).ConfigureAwait(false);
        throw new StorageRequestException($"seal segment {end.Segment} of journal '{journalId}'", response.Status, response.ErrorCode);
    }

    // HttpClient may resend a request on a reused connection that dropped before any answer; if the first copy
    // landed, the resend meets its own block and gets 412. The bytes at our position tell the two cases apart.
    private async Task<bool> LandedAsync(string journalId, JournalCursor position, byte[] block, CancellationToken cancellationToken)
    {
        var response = await _journals.GetBlobAsync(SegmentBlob(journalId, position.Segment), position.Offset, block.Length, cancellationToken).ConfigureAwait(false);
        return response.IsSuccess && response.Body.AsSpan().SequenceEqual(block);
    }

    private async Task<JournalConflictException> ConflictAsync(string journalId, long expectedVersion, CancellationToken cancellationToken)
    {
        _tails.TryRemove(journalId, out _);
        var actual = await ReadAsync(journalId, long.MaxValue, cancellationToken).ConfigureAwait(false);
        return new JournalConflictException(journalId, expectedVersion, actual.Version);
    }

    private async Task<StorageResponse> AppendAtAsync(string blob, byte[] block, long offset, CancellationToken cancellationToken)
    {
        var conditions = new BlobConditions(AppendPosition: offset);
        var response = await _journals.AppendBlockAsync(blob, block, conditions, cancellationToken).ConfigureAwait(false);
        if (response.Status != HttpStatusCode.NotFound || offset != 0) return response;

        // First append to this segment: create it (a concurrent creator is fine), then the position condition decides.
        await _journals.CreateAppendBlobAsync(blob, BlobConditions.IfAbsent, cancellationToken).ConfigureAwait(false);
        return await _journals.AppendBlockAsync(blob, block, conditions, cancellationToken).ConfigureAwait(false);
    }

    // Entries from the cursor on, across sealed segments, and the cursor at the end; null when the bytes at the
    // cursor are not the expected event.
    private async Task<(List<JournalEntry> Entries, JournalCursor End)?> ReadFromAsync(string journalId, JournalCursor from, CancellationToken cancellationToken)
    {
        var entries = new List<JournalEntry>();
        var cursor = from;
        while (true)
        {
            // Start one byte early: the answer is then never empty and always carries the segment's block count.
            var skip = cursor.Offset > 0 ? 1 : 0;
            var response = await _journals.GetBlobAsync(SegmentBlob(journalId, cursor.Segment), cursor.Offset - skip, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (response.Status == HttpStatusCode.NotFound) return cursor.Offset == 0 ? (entries, cursor) : null;
            if (response.Status == HttpStatusCode.RequestedRangeNotSatisfiable || response.Body.Length < skip) return null;
            Interlocked.Add(ref _bytesRead, response.Body.Length - skip);

            var decoded = JournalFrame.Decode(response.Body.AsSpan(skip), cursor.Version + 1, journalId);
            if (decoded is null)
            {
                if (cursor == from) return null;
                throw new InvalidDataException($"Journal '{journalId}': segment {cursor.Segment} does not continue with event {cursor.Version + 1}.");
            }
            var (found, isSealed) = decoded.Value;
            entries.AddRange(found);
            cursor = new JournalCursor(cursor.Version + found.Count, cursor.Segment, cursor.Offset - skip + response.Body.Length, BlockCount(response));
            if (!isSealed) return (entries, cursor);
            cursor = cursor.NextSegment;
        }
    }

    private JournalCursor StartFor(string journalId, long afterVersion)
    {
        var start = JournalCursor.Start;
        if (_tails.TryGetValue(journalId, out var tail) && tail.Version <= afterVersion) start = tail;
        if (_anchors.TryGetValue(journalId, out var anchor) && anchor.Version <= afterVersion && anchor.IsAfter(start)) start = anchor;
        return start;
    }

    private JournalCursor? KnownCursor(string journalId, long version)
    {
        if (_tails.TryGetValue(journalId, out var tail) && tail.Version == version) return tail;
        if (_anchors.TryGetValue(journalId, out var anchor) && anchor.Version == version) return anchor;
        return null;
    }

    private void Remember(string journalId, JournalCursor end)
    {
        if (_tails.Count > MaxCachedJournals) _tails.Clear();
        if (_anchors.Count > MaxCachedJournals) _anchors.Clear();
        _tails.AddOrUpdate(journalId, end, (_, known) => end.IsAfter(known) || (!known.IsAfter(end) && end.Blocks >= known.Blocks) ? end : known);
    }

    private static int BlockCount(StorageResponse response) =>
        int.TryParse(response.Header("x-ms-blob-committed-block-count"), CultureInfo.InvariantCulture, out var blocks) ? blocks : -1;

    // Segment 0 keeps the plain name; "~~" never occurs in an escaped id, so later segments cannot collide.
    private static string SegmentBlob(string journalId, int segment) =>
        segment == 0 ? SafeName.Escape(journalId) : $"{SafeName.Escape(journalId)}~~{segment.ToString(CultureInfo.InvariantCulture)}";
}
