using Lens.Analyses;
using Lens.GrainInterfaces.Models;

namespace Lens.Grains.Models.Activations;

/// <summary>
/// The residual stream at every layer boundary of every position of each conversation, in fp16, in memory up to a byte
/// bound shared by the model's conversations on this silo and on disk per conversation.
/// </summary>
public interface IActivationStore
{
    /// <summary>Positions stored for <paramref name="conversationId"/> (memory or disk); 0 when none.</summary>
    int Length(Guid conversationId);

    /// <summary>
    /// Stores what <paramref name="recorded"/> holds from its <see cref="ResidualStreamRecorder.StartPosition"/> on,
    /// dropping anything stored at or after it (a rewound conversation).
    /// </summary>
    /// <exception cref="ArgumentException">The recording starts after the stored positions end (a gap).</exception>
    void Write(Guid conversationId, ResidualStreamRecorder recorded);

    /// <summary>Residuals of positions [start, start+count) after each of <paramref name="layers"/> (block outputs), each [count·hidden]; null when not all stored.</summary>
    float[][]? Read(Guid conversationId, int start, int count, IReadOnlyList<int> layers);

    /// <summary>Writes what is only in memory to the conversation's file.</summary>
    void Persist(Guid conversationId);

    /// <summary>Drops a conversation from memory (its file stays).</summary>
    void Evict(Guid conversationId);

    /// <summary>Drops a conversation from memory and disk.</summary>
    void Delete(Guid conversationId);

    /// <summary>Memory (cached chunks and open chunks), bound, conversations in memory, hits, misses and disk bytes.</summary>
    CacheStatus Status();
}
