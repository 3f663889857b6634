namespace Lens.Runtime.Storage.File;

/// <summary>
/// What the process knows about one journal file: where its valid frames are. Rebuilt by scanning when the
/// file's length differs from what this process last wrote (another process appended, or first use).
/// </summary>
internal sealed class JournalFile(string path)
{
    private readonly List<(long FirstSequence, int Count, long Offset)> _frames = [];
    private long _validLength;

    public string Path { get; } = path;

    public long Version { get; private set; }

    /// <summary>Brings the index up to date; cuts a torn or corrupt tail. Caller holds the file lock.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var info = new FileInfo(Path);
        var length = info.Exists ? info.Length : 0;
        if (length == _validLength) return;
        if (length < _validLength) Reset();
        await using var stream = new FileStream(Path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, 1, FileOptions.Asynchronous);
        var tail = new byte[length - _validLength];
        stream.Position = _validLength;
        await stream.ReadExactlyAsync(tail, cancellationToken);
        var at = 0;
        while (at < tail.Length)
        {
            var frameLength = JournalFrame.TryRead(tail.AsSpan(at), Version + 1, out var count);
            if (frameLength < 0) break;
            _frames.Add((Version + 1, count, _validLength + at));
            Version += count;
            at += frameLength;
        }
        _validLength += at;
        if (_validLength < length)
        {
            // Torn tail (a crash mid-append) or corruption: the batch was never acknowledged, drop it.
            stream.SetLength(_validLength);
            stream.Flush(flushToDisk: true);
            TornTailsCut++;
        }
    }

    public int TornTailsCut { get; private set; }

    public async Task AppendAsync(byte[] frame, int count, bool durable, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite, 1, FileOptions.Asynchronous);
        try
        {
            await stream.WriteAsync(frame, cancellationToken);
            if (durable) stream.Flush(flushToDisk: true);
        }
        catch
        {
            Reset(); // the next refresh rescans and cuts whatever part was written
            throw;
        }
        _frames.Add((Version + 1, count, _validLength));
        _validLength += frame.Length;
        Version += count;
    }

    public async Task<List<JournalEntry>> ReadAfterAsync(long afterVersion, CancellationToken cancellationToken)
    {
        var entries = new List<JournalEntry>();
        var start = _frames.FindIndex(f => f.FirstSequence + f.Count - 1 > afterVersion);
        if (start < 0) return entries;
        var offset = _frames[start].Offset;
        var data = new byte[_validLength - offset];
        await using (var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.Asynchronous))
        {
            stream.Position = offset;
            await stream.ReadExactlyAsync(data, cancellationToken);
        }
        for (var i = start; i < _frames.Count; i++)
        {
            var frame = _frames[i];
            var sequence = frame.FirstSequence;
            foreach (var payload in JournalFrame.Events(data, (int)(frame.Offset - offset), frame.Count))
            {
                if (sequence > afterVersion) entries.Add(new JournalEntry(sequence, payload));
                sequence++;
            }
        }
        return entries;
    }

    private void Reset()
    {
        _frames.Clear();
        _validLength = 0;
        Version = 0;
    }
}
