namespace Lens.Storage.Journals.File;

/// <summary>
/// One stream's log file, used while its lock is held: scans frames (cutting a torn tail), appends and flushes frames,
/// and keeps the instance's <see cref="FileStreamCache"/> in step with the file.
/// </summary>
/// <remarks>
/// Positions this instance found by scanning are trusted: the bytes before them never change. A snapshot's recorded
/// position is checked first (its frame must be intact and carry the next version); otherwise the log is scanned from
/// its start, so a wrong position can never make a valid frame look like a torn tail.
/// </remarks>
internal sealed class JournalLogFile(string stream, string path, FileStreamCache cache, FileJournalCounters counters)
{
    /// <summary>The position after the last valid frame, scanning only what this instance has not seen.</summary>
    /// <param name="snapshotStart">Reads the snapshot's tail start; called only when this instance knows nothing of the stream.</param>
    public async Task<JournalPosition> TailAsync(Func<Task<JournalPosition?>> snapshotStart, CancellationToken cancellationToken)
    {
        var length = FileLength();
        if (cache.Tail is { } known)
        {
            if (known.Offset == length) return known;
            if (known.Offset < length) return (await ScanAsync(known, trusted: true, long.MaxValue, cancellationToken).ConfigureAwait(false))!.End;
            cache.Forget(); // shorter than a frame boundary we saw: the file was replaced
        }
        return (await ScanFromAsync(await snapshotStart().ConfigureAwait(false), long.MaxValue, cancellationToken).ConfigureAwait(false)).End;
    }

    /// <summary>Events after <paramref name="afterVersion"/>, reading from the nearest known frame boundary before it.</summary>
    public async Task<LogScan> ReadAfterAsync(long afterVersion, Func<Task<JournalPosition?>> snapshotStart, CancellationToken cancellationToken)
    {
        if (cache.Index.Floor(afterVersion) is { } known)
            return (await ScanAsync(known, trusted: true, afterVersion, cancellationToken).ConfigureAwait(false))!;
        var start = await snapshotStart().ConfigureAwait(false);
        return await ScanFromAsync(start is { } s && s.Version <= afterVersion ? s : null, afterVersion, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Scans from a snapshot's position, or from the log's start when there is none or it does not hold the next frame.</summary>
    public async Task<LogScan> ScanFromAsync(JournalPosition? snapshotStart, long collectAfter, CancellationToken cancellationToken)
    {
        if (snapshotStart is { } from && from != JournalPosition.Start
            && await ScanAsync(from, trusted: false, collectAfter, cancellationToken).ConfigureAwait(false) is { } scan)
        {
            return scan;
        }
        return (await ScanAsync(JournalPosition.Start, trusted: true, collectAfter, cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>The frame boundary at exactly <paramref name="version"/>, if a scan passed it.</summary>
    public JournalPosition? BoundaryAt(long version) => cache.Index.At(version);

    /// <summary>Writes one frame at <paramref name="tail"/> and flushes it to disk.</summary>
    public async Task<JournalPosition> AppendAsync(JournalPosition tail, byte[] frame, int count)
    {
        try
        {
            await using var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite, 1, FileOptions.Asynchronous);
            file.Position = tail.Offset;
            // Not cancellable once started: a half-written frame would be cut later, but the caller must learn the outcome.
            await file.WriteAsync(frame, CancellationToken.None).ConfigureAwait(false);
            file.Flush(flushToDisk: true);
        }
        catch
        {
            cache.Forget(); // the next scan finds and cuts whatever part was written
            throw;
        }
        var end = new JournalPosition(tail.Version + count, 0, tail.Offset + frame.Length);
        cache.Tail = end;
        cache.Index.Add(end);
        return end;
    }

    // Frames from `from` to the end of the file. From an untrusted position, null unless an intact next frame (or the
    // end of the file) is there.
    private async Task<LogScan?> ScanAsync(JournalPosition from, bool trusted, long collectAfter, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite, 1, FileOptions.Asynchronous);
        if (from.Offset > file.Length) return trusted ? throw new JournalCorruptException(stream, path, $"the log is shorter than {from}") : null;
        var data = new byte[file.Length - from.Offset];
        file.Position = from.Offset;
        await file.ReadExactlyAsync(data, cancellationToken).ConfigureAwait(false);
        counters.AddBytesRead(data.Length);

        var entries = new List<JournalEntry>();
        var at = 0;
        var position = from;
        while (at < data.Length)
        {
            var status = JournalFrame.TryRead(data.AsMemory(at), out var frame);
            var next = status == FrameStatus.Complete && frame.FirstVersion == position.Version + 1 && !frame.IsSeal;
            if (!trusted && at == 0 && !next) return null;
            if (next)
            {
                frame.AddEntriesTo(entries, collectAfter);
                at += frame.Length;
                position = new JournalPosition(frame.EndVersion, 0, from.Offset + at);
                cache.Index.Add(position);
                continue;
            }
            if (status == FrameStatus.Complete || FollowedByFrame(data, at))
                throw new JournalCorruptException(stream, $"{path} byte {from.Offset + at}", status == FrameStatus.Complete
                    ? $"expected event {position.Version + 1} but the frame there starts at event {frame.FirstVersion}"
                    : "a frame fails its checksum although intact frames follow it");
            // A torn tail: a crash cut the last append short. It was never acknowledged, so it is dropped.
            file.SetLength(from.Offset + at);
            file.Flush(flushToDisk: true);
            counters.AddTornTail();
            break;
        }
        cache.Tail = position;
        return new LogScan(entries, position);
    }

    // Whether an intact frame starts where the damaged one's header says it ends: damage inside the log, not a torn tail.
    private static bool FollowedByFrame(byte[] data, int at)
    {
        var length = JournalFrame.DeclaredLength(data.AsSpan(at));
        return length >= JournalFrame.HeaderLength && at + length < data.Length
            && JournalFrame.TryRead(data.AsMemory(at + length), out _) == FrameStatus.Complete;
    }

    private long FileLength()
    {
        var info = new FileInfo(path);
        return info.Exists ? info.Length : 0;
    }
}
