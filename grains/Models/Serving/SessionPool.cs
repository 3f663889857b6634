using Lens.Engine.Inference;

namespace Lens.Grains.Models.Serving;

/// <summary>
/// KV caches of recent conversations, so the next turn prefills only its new tokens. A session is lent to one
/// generation at a time and kept (least recently used dropped) with the ids it holds.
/// </summary>
internal sealed class SessionPool(Transformer model, int capacity)
{
    private readonly Dictionary<Guid, (InferenceSession Session, List<int> Ids, long LastUse)> _idle = [];
    private long _clock;

    /// <summary>
    /// A session holding the longest stored prefix of <paramref name="ids"/>, cut so at least one id is left to feed
    /// (the pass that yields the next token's logits); a fresh session when nothing matches.
    /// </summary>
    public (InferenceSession Session, List<int> Held) Take(Guid conversationId, IReadOnlyList<int> ids)
    {
        lock (_idle)
        {
            if (!_idle.Remove(conversationId, out var kept)) return (model.StartSession(), []);
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
            _idle[conversationId] = (session, held, ++_clock);
            while (_idle.Count > capacity) _idle.Remove(_idle.MinBy(x => x.Value.LastUse).Key);
        }
    }

    public void Forget(Guid conversationId)
    {
        lock (_idle) _idle.Remove(conversationId);
    }
}
