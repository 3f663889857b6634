using Lens.Engine.Inference;

namespace Lens.Grains.Models.Serving;

/// <summary>
/// KV caches of recent conversations, so the next turn prefills only its new tokens. A session is lent to one
/// generation at a time and kept with the ids it holds; past <c>capacity</c> sessions or <c>memoryBytes</c> the least
/// recently used are dropped.
/// </summary>
internal sealed class SessionPool(Transformer model, int capacity, long memoryBytes)
{
    private readonly Dictionary<Guid, (InferenceSession Session, List<int> Ids, long LastUse)> _idle = [];
    private long _clock, _bytes;

    /// <summary>Bytes of the idle sessions' KV caches.</summary>
    public long Bytes { get { lock (_idle) return _bytes; } }

    /// <summary>Conversations with an idle session.</summary>
    public int Count { get { lock (_idle) return _idle.Count; } }

    /// <summary>
    /// A session holding the longest stored prefix of <paramref name="ids"/>, cut so at least one id is left to feed
    /// (the pass that yields the next token's logits); a fresh session when nothing matches.
    /// </summary>
    public (InferenceSession Session, List<int> Held) Take(Guid conversationId, IReadOnlyList<int> ids)
    {
        lock (_idle)
        {
            if (!_idle.Remove(conversationId, out var kept)) return (model.StartSession(), []);
            _bytes -= kept.Session.Cache.Bytes;
            var common = 0;
            var limit = Math.Min(kept.Ids.Count, ids.Count - 1);
            while (common < limit && kept.Ids[common] == ids[common]) common++;
            kept.Session.Cache.Truncate(common);
            kept.Ids.RemoveRange(common, kept.Ids.Count - common);
            return (kept.Session, kept.Ids);
        }
    }

    /// <summary>Keeps a session after a generation; <paramref name="held"/> are the ids it has fed.</summary>
    public void Return(Guid conversationId, InferenceSession session, List<int> held)
    {
        lock (_idle)
        {
            Drop(conversationId);
            _idle[conversationId] = (session, held, ++_clock);
            _bytes += session.Cache.Bytes;
            while (_idle.Count > capacity || (_bytes > memoryBytes && _idle.Count > 0)) Drop(_idle.MinBy(x => x.Value.LastUse).Key);
        }
    }

    public void Forget(Guid conversationId)
    {
        lock (_idle) Drop(conversationId);
    }

    private void Drop(Guid conversationId)
    {
        if (_idle.Remove(conversationId, out var gone)) _bytes -= gone.Session.Cache.Bytes;
    }
}
