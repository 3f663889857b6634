using Lens.Analyses;
using Lens.Engine.Inference;
using Lens.GrainInterfaces.Conversations;
using Lens.GrainInterfaces.Models;
using Lens.Grains.Models.Activations;

namespace Lens.Grains.Models.Inspection;

/// <summary>
/// Answers a click: reads the cached residual stream of the clicked position and its context (recomputing the
/// conversation's residuals in one pass when they are not cached), runs the logit lens over them and measures the
/// clicked query's attention. The analyses compute; this only chooses the rows.
/// </summary>
internal sealed class LensInspector(Transformer model, IActivationStore store, Func<int, string> tokenText)
{
    public LensInspection Inspect(InspectRequest r)
    {
        var config = model.Config;
        var layers = Validate(r, config);
        var from = Math.Max(0, r.Position - r.ContextSize);
        // One position past the clicked one (when it exists) gives the clicked cell its next-token rank.
        var to = Math.Min(r.Position + 2, r.Ids.Length);
        var residuals = store.Read(r.ConversationId, from, to - from, layers);
        var hit = residuals is not null;
        if (residuals is null)
        {
            Recompute(r.ConversationId, r.Ids);
            residuals = store.Read(r.ConversationId, from, to - from, layers)
                ?? throw new InvalidOperationException($"conversation {r.ConversationId}: residuals missing right after they were recomputed");
        }
        var lens = LogitLens.Analyse(residuals, r.Ids[from..to], layers, model.Unembed, config.Hidden, config.Vocab,
            new LogitLensOptions(r.TopK, layers, Track: true));
        var positions = Enumerable.Range(from, r.Position - from + 1).ToArray();
        var attention = AttentionRowCapture.Measure(model, r.Ids[..(r.Position + 1)], layers);
        return new LensInspection(
            positions, layers,
            positions.Select((_, t) => layers.Select((_, a) => Cell(lens, a, t)).ToArray()).ToArray(),
            positions.Select((_, t) => layers.Select((_, a) => lens.Entropy[lens.Cell(a, t)]).ToArray()).ToArray(),
            positions.Select((_, t) => layers.Select((_, a) => lens.NextRank[lens.Cell(a, t)]).ToArray()).ToArray(),
            positions.Select((_, t) => layers.Select((_, a) => lens.NextRank[lens.Cell(a, t)] < 0 ? (float?)null : lens.NextProb[lens.Cell(a, t)]).ToArray()).ToArray(),
            attention, hit);
    }

    /// <summary>One pass over the whole conversation that stores every position's residuals (a cache miss).</summary>
    public void Recompute(Guid conversationId, int[] ids)
    {
        var recorder = new Serving.ResidualRecorder(model.Config, 1);
        model.Forward(ids, recorder, LogitsScope.None);
        store.Write(conversationId, 0, recorder.Of(0).Rows);
        store.Persist(conversationId);
    }

    private LensCell Cell(LogitLensResult lens, int a, int t)
    {
        var k = lens.TopK;
        var cell = lens.Cell(a, t);
        var top = Enumerable.Range(0, k).Select(j =>
        {
            var id = lens.TopIds[cell * k + j];
            return new LensCandidate(tokenText(id), id, lens.TopProbs[cell * k + j], lens.Trajectory(t, id));
        }).ToArray();
        return new LensCell(top[0].Token, top[0].Id, top[0].Prob, top);
    }

    private static int[] Validate(InspectRequest r, ModelConfig config)
    {
        if (r.Position < 0 || r.Position >= r.Ids.Length)
            throw new RequestRejectedException(Rejection.NotFound, "position", $"position {r.Position} is not in the conversation (positions 0..{r.Ids.Length - 1})");
        if (r.ContextSize < 0 || r.ContextSize > ActivationQuery.MaxContextSize)
            throw new RequestRejectedException(Rejection.Invalid, "context_size", $"context_size must be in 0..{ActivationQuery.MaxContextSize}, got {r.ContextSize}");
        var maxK = Math.Min(ActivationQuery.MaxTopK, config.Vocab);
        if (r.TopK < 1 || r.TopK > maxK) throw new RequestRejectedException(Rejection.Invalid, "top_k", $"top_k must be in 1..{maxK}, got {r.TopK}");
        try
        {
            return LogitLens.ResolveLayers(r.Layers, config.Layers);
        }
        catch (ArgumentException e)
        {
            throw new RequestRejectedException(Rejection.Invalid, "layers", e.Message);
        }
    }
}
