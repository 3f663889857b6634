using Lens.Engine.Hooks;
using Lens.Engine.Inference;

namespace Lens.Grains.Models.Serving;

/// <summary>
/// <see cref="IBatchedForward"/> over the engine's public per-session API: the sessions of a step are appended one
/// after another. Stands in until the engine exposes its multi-session pass.
/// </summary>
public sealed class SessionByTurnForward : IBatchedForward
{
    public float[][] Step(Transformer model, IReadOnlyList<SessionStep> steps, IForwardHooks hooks)
    {
        var logits = new float[steps.Count][];
        for (var i = 0; i < steps.Count; i++)
            logits[i] = steps[i].Session.Append(steps[i].Ids, new SequenceHooks(hooks, i), LogitsScope.Last);
        return logits;
    }

    // Presents a single-sequence pass to the batch's hooks as sequence `index`.
    private sealed class SequenceHooks(IForwardHooks inner, int index) : IForwardHooks
    {
        public HookPoints Points => inner.Points;
        private HookContext At(in HookContext c) => c with { Sequence = index };
        public void OnResidPre(in HookContext c, Span<float> r) => inner.OnResidPre(At(c), r);
        public void OnResidPost(in HookContext c, int layer, Span<float> r) => inner.OnResidPost(At(c), layer, r);
        public void OnQuery(in HookContext c, int layer, ReadOnlySpan<float> q) => inner.OnQuery(At(c), layer, q);
        public void OnKey(in HookContext c, int layer, ReadOnlySpan<float> k) => inner.OnKey(At(c), layer, k);
        public void OnValue(in HookContext c, int layer, ReadOnlySpan<float> v) => inner.OnValue(At(c), layer, v);
        public void OnPattern(in HookContext c, int layer, ReadOnlySpan<float> p) => inner.OnPattern(At(c), layer, p);
    }
}
