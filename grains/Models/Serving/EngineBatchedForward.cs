using Lens.Engine.Hooks;
using Lens.Engine.Inference;

namespace Lens.Grains.Models.Serving;

/// <summary>
/// <see cref="IBatchedForward"/> through the engine's continuous-batching step (<see cref="Transformer.Step"/>): every
/// session of the step goes through one forward pass, so each weight matrix is read once for all streams.
/// </summary>
public sealed class EngineBatchedForward : IBatchedForward
{
    public float[][] Step(Transformer model, IReadOnlyList<SessionStep> steps, IForwardHooks hooks)
    {
        var requests = steps.Select((s, i) => new DecodeRequest(s.Session, s.Ids, new SequenceHooks(hooks, i))).ToList();
        var results = model.Step(requests);
        var logits = new float[steps.Count][];
        for (var i = 0; i < steps.Count; i++)
            logits[i] = results[i].Logits ?? throw new InvalidOperationException($"stream {i} of the batched step: {results[i].Error}");
        return logits;
    }

    // The engine shows each stream's hooks its own pass; the batch's hooks tell the streams apart by sequence index.
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
