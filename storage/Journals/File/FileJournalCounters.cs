namespace Lens.Storage.Journals.File;

/// <summary>Counts kept by a <see cref="FileJournal"/>: log bytes read and torn tails cut.</summary>
internal sealed class FileJournalCounters
{
    private long _bytesRead;
    private int _tornTails;

    public long BytesRead => Interlocked.Read(ref _bytesRead);

    public int TornTails => Volatile.Read(ref _tornTails);

    public void AddBytesRead(long bytes) => Interlocked.Add(ref _bytesRead, bytes);

    public void AddTornTail() => Interlocked.Increment(ref _tornTails);
}
