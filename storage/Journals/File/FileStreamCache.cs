namespace Lens.Storage.Journals.File;

/// <summary>
/// What one journal instance knows of a stream's log file: where its valid frames end, and recent frame boundaries.
/// Only read or changed under the stream's lock; checked against the file's length, since another process may append.
/// </summary>
internal sealed class FileStreamCache
{
    public JournalPosition? Tail { get; set; }

    public FrameIndex Index { get; } = new();

    public void Forget()
    {
        Tail = null;
        Index.Clear();
    }
}
