using Lens.GrainInterfaces.Models;

namespace Lens.Grains.Models.Activations;

/// <summary>
/// The residual stream after every layer at every position of each conversation, in fp16, in memory up to a byte
/// bound and on disk per conversation. The seam where the engine's activation cache plugs in.
/// </summary>
public interface IActivationStore
{
    /// <summary>Positions stored for <paramref name="conversationId"/> (memory or disk); 0 when none.</summary>
    int Length(Guid conversationId);

    /// <summary>Stores rows from <paramref name="start"/> on, dropping anything stored at or after it.</summary>
    /// <param name="rows">[T][layer][hidden], one row per position.</param>
    void Write(Guid conversationId, int start, ReadOnlySpan<Half> rows);

    /// <summary>Residuals of positions [start, start+count) at <paramref name="layers"/>, each [count·hidden]; null when not all stored.</summary>
    float[][]? Read(Guid conversationId, int start, int count, IReadOnlyList<int> layers);

    /// <summary>Writes what is only in memory to the conversation's file.</summary>
    void Persist(Guid conversationId);

    /// <summary>Drops a conversation from memory (its file stays).</summary>
    void Evict(Guid conversationId);

    /// <summary>Drops a conversation from memory and disk.</summary>
    void Delete(Guid conversationId);

    /// <summary>Memory, bound, entries, hits, misses and disk bytes.</summary>
    CacheStatus Status();
}
