namespace Lens.Storage.Journals;

/// <summary>Checks an append's arguments, naming the stream and what was wrong, and encodes the batch.</summary>
internal static class JournalBatch
{
    public static void CheckStream(string stream)
    {
        if (string.IsNullOrEmpty(stream)) throw new ArgumentException("A journal stream id must be a non-empty string.", nameof(stream));
    }

    /// <summary>Validates and encodes the batch as one frame of at most <paramref name="maxFrameBytes"/>.</summary>
    public static byte[] Encode(string stream, long expectedVersion, IReadOnlyList<JournalRecord> batch, long maxFrameBytes)
    {
        CheckStream(stream);
        ArgumentNullException.ThrowIfNull(batch);
        if (expectedVersion < 0)
            throw new ArgumentOutOfRangeException(nameof(expectedVersion), expectedVersion, $"Journal stream '{stream}': the expected version must be 0 or more.");
        if (batch.Count == 0) throw new ArgumentException($"Journal stream '{stream}': an append needs at least one event.", nameof(batch));
        var ids = new HashSet<Guid>();
        for (var i = 0; i < batch.Count; i++)
        {
            var id = batch[i]?.EventId ?? throw new ArgumentException($"Journal stream '{stream}': event {i} of the batch is null.", nameof(batch));
            if (id == Guid.Empty) throw new ArgumentException($"Journal stream '{stream}': event {i} of the batch has the empty id; every event needs a unique id.", nameof(batch));
            if (!ids.Add(id)) throw new ArgumentException($"Journal stream '{stream}': event id {id} appears twice in one batch.", nameof(batch));
        }
        var size = JournalFrame.SizeOf(batch);
        if (size > maxFrameBytes)
            throw new ArgumentException($"Journal stream '{stream}': a batch of {batch.Count} events encodes to {size:N0} bytes, over this journal's limit of {maxFrameBytes:N0} bytes per batch; raise fewer or smaller events per confirmation.", nameof(batch));
        return JournalFrame.Encode(expectedVersion + 1, batch);
    }
}
