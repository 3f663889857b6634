namespace Lens.Storage.Journals;

/// <summary>
/// Recognises a batch that is already stored: a retry after a lost response finds its own event ids right after the
/// version it expected. Comparing ids (not bytes) also recognises a batch re-serialized by a retrying caller.
/// </summary>
internal static class Resubmission
{
    /// <summary>
    /// How many of the batch's events the stream already holds right after the expected version: the whole batch,
    /// the first few (the stream ends after them), or -1 when other events are there (a real conflict).
    /// </summary>
    /// <param name="stored">The stream's events after the expected version, at least min(batch count, events stored) of them.</param>
    /// <param name="batch">The batch being appended.</param>
    public static int StoredPrefix(IReadOnlyList<JournalEntry> stored, IReadOnlyList<JournalRecord> batch)
    {
        var compared = Math.Min(stored.Count, batch.Count);
        for (var i = 0; i < compared; i++)
            if (stored[i].EventId != batch[i].EventId) return -1;
        return compared;
    }
}
