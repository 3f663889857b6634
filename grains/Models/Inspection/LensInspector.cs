using Lens.Analyses;
using Lens.Engine.Inference;
using Lens.GrainInterfaces.Conversations;
using Lens.GrainInterfaces.Models;
using Lens.Grains.Models.Activations;

namespace Lens.Grains.Models.Inspection;

/// <summary>
/// Answers a click: reads the cached residual stream of the clicked position and its context (recomputing the
/// conversation's residuals in one pass when they are not cached), runs the logit lens over them and measures the
/// clicked query's attention (from the conversation's <see cref="AttentionTable"/>). The analyses' primitives compute; this chooses the rows.
/// </summary>
internal sealed class LensInspector(Transformer model, IActivationStore store, AttentionTables attention, LensColumnMemo memo, Func<int, string> tokenText)
{
    private readonly LensGrid _grid = new(model.Unembed, model.Config.Hidden, model.Config.Vocab, tokenText);

    public LensInspection Inspect(InspectRequest r) => Inspect(r, memoOnly: false)!;

    /// <summary>
    /// The inspection when every column is in the memo and the attention table covers the conversation (no residual
    /// read, no forward pass: microseconds); otherwise null.
    /// </summary>
    public LensInspection? TryFromMemo(InspectRequest r) => Inspect(r, memoOnly: true);

    private LensInspection? Inspect(InspectRequest r, bool memoOnly)
    {
        var config = model.Config;
        var layers = Validate(r, config);
        var from = Math.Max(0, r.Position - r.ContextSize);
        var to = r.Position + 1;
        var hashes = LensColumnMemo.PrefixHashes(r.Ids, from, to);
        var shown = string.Join(',', layers);
        var keys = hashes.Select((h, t) => new LensColumnMemo.Key(r.ConversationId, from + t, h, shown, r.TopK)).ToArray();
        var columns = new LensColumn[to - from];
        var missing = Enumerable.Range(0, to - from).Where(t => !memo.TryGet(keys[t], out columns[t])).ToList();
        if (memoOnly && missing.Count > 0) return null;
        var attentionRows = memoOnly ? attention.TryRows(r.ConversationId, r.Ids, r.Position, layers) : null;
        if (memoOnly && attentionRows is null) return null;
        var hit = true;
        if (missing.Count > 0)
        {
            var residuals = store.Read(r.ConversationId, from, to - from, layers);
            if (residuals is null)
            {
                hit = false;
                Recompute(r.ConversationId, r.Ids);
                residuals = store.Read(r.ConversationId, from, to - from, layers)
                    ?? throw new InvalidOperationException($"conversation {r.ConversationId}: residuals missing right after they were recomputed");
            }
            foreach (var t in missing)
            {
                var p = from + t;
                columns[t] = _grid.Column(residuals, t, p + 1 < r.Ids.Length ? r.Ids[p + 1] : -1, r.TopK);
                memo.Add(keys[t], columns[t]);
            }
        }
        return new LensInspection(Enumerable.Range(from, to - from).ToArray(), layers,
            columns.Select(c => c.Cells).ToArray(), columns.Select(c => c.Entropy).ToArray(),
            columns.Select(c => c.NextRank).ToArray(), columns.Select(c => c.NextProb).ToArray(),
            attentionRows ?? attention.Rows(r.ConversationId, r.Ids, r.Position, layers), hit);
    }

    /// <summary>
    /// One pass over the whole conversation that stores every position's residuals (a cache miss), filling its attention
    /// table on the way when it has none.
    /// </summary>
    public void Recompute(Guid conversationId, int[] ids)
    {
        var recorder = new ResidualStreamRecorder(ResidualStreamShape.Of(model.Config));
        var table = attention.Wants(conversationId, ids) ? AttentionTable.For(model.Config, ids) : null;
        model.Forward(ids, table is null ? recorder : new HookChain(recorder, table), LogitsScope.None);
        store.Write(conversationId, recorder);
        store.Persist(conversationId);
        if (table is not null) attention.Install(conversationId, table);
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
