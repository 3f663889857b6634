using System.Numerics.Tensors;
using Lens.Engine.Hooks;
using Lens.Engine.IO;
using Lens.Engine.Models;
using Lens.Engine.Tensors;

namespace Lens.Engine.Inference;

/// <summary>
/// One forward pass over a batch of sequences, each with its own KV cache. Linear layers run once over all N new
/// tokens of the batch; attention runs per sequence. Reads top to bottom: embed, blocks, unembed.
/// Not thread-safe: <see cref="Transformer"/> serialises passes.
/// </summary>
internal sealed unsafe class ForwardPass(ModelConfig config, ModelWeights weights, ThreadTeam team)
{
    private readonly ModelConfig _c = config;
    private readonly ModelWeights _w = weights;
    private readonly RotaryEmbedding _rope = new(config);
    private readonly RunState _s = new(config);
    [ThreadStatic] private static float[]? _scores;

    private readonly record struct Segment(int Sequence, KvCache Cache, int[] Ids, IForwardHooks? Hooks, int Start, int Tokens, int Position)
    {
        public bool Wants(HookPoints point) => Hooks is { } h && (h.Points & point) != 0;
        public HookContext Context => new(Sequence, Tokens, Position);
    }

    public float[][] Run(IReadOnlyList<PassSequence> batch, LogitsScope scope)
    {
        var segments = new Segment[batch.Count];
        var n = 0;
        var points = HookPoints.None;
        for (var s = 0; s < batch.Count; s++)
        {
            var (cache, ids, hooks) = batch[s];
            foreach (var id in ids)
                if ((uint)id >= (uint)_c.Vocab)
                    throw new ArgumentOutOfRangeException(nameof(batch), $"token id {id} is outside the vocabulary [0, {_c.Vocab})");
            cache.Reserve(ids.Length);
            segments[s] = new Segment(s, cache, ids, hooks, n, ids.Length, cache.Length);
            points |= hooks?.Points ?? HookPoints.None;
            n += ids.Length;
        }
        _s.Ensure(Math.Max(1, n));
        var owner = new int[n]; // row of the batch → its sequence
        foreach (var g in segments) owner.AsSpan(g.Start, g.Tokens).Fill(g.Sequence);

        Embed(segments);
        if ((points & HookPoints.ResidPre) != 0)
            foreach (var g in segments)
                if (g.Wants(HookPoints.ResidPre)) g.Hooks!.OnResidPre(g.Context, _s.X.AsSpan(g.Start * _c.Hidden, g.Tokens * _c.Hidden));

        for (var layer = 0; layer < _c.Layers; layer++)
        {
            Block(layer, n, segments, owner, points);
            if ((points & HookPoints.ResidPost) != 0)
                foreach (var g in segments)
                    if (g.Wants(HookPoints.ResidPost)) g.Hooks!.OnResidPost(g.Context, layer, _s.X.AsSpan(g.Start * _c.Hidden, g.Tokens * _c.Hidden));
        }
        // Caches grow only once the whole pass has succeeded: a throwing hook leaves every sequence as it was.
        foreach (var g in segments) g.Cache.Advance(g.Tokens);
        return Logits(segments, scope);
    }

    private void Embed(Segment[] segments)
    {
        int d = _c.Hidden;
        var rowBytes = (long)d * _w.TokenEmbedding.DType.Size();
        var scale = _c.Family.ScaleEmbeddings ? (float)Math.Sqrt(d) : 1f;
        foreach (var g in segments)
        {
            var ids = g.Ids;
            for (var t = 0; t < g.Tokens; t++)
            {
                var row = _s.X.AsSpan((g.Start + t) * d, d);
                Numerics.ConvertToFloat(_w.TokenEmbedding.Pointer + ids[t] * rowBytes, _w.TokenEmbedding.DType, row);
                if (scale != 1f) TensorPrimitives.Multiply(row, scale, row);
                if (_w.PositionEmbedding is { } wpe) TensorPrimitives.Add(row, wpe.AsSpan((g.Position + t) * d, d), row);
            }
        }
    }

    private void Block(int layer, int n, Segment[] segments, int[] owner, HookPoints points)
    {
        var lw = _w.Layers[layer];
        int d = _c.Hidden;
        Norm(_s.X, n, lw.AttnNorm, lw.AttnNormBias, _s.Normed);
        Project(lw, n);
        if ((points & (HookPoints.Query | HookPoints.Key | HookPoints.Value)) != 0)
            foreach (var g in segments)
            {
                var ctx = g.Context;
                if (g.Wants(HookPoints.Query)) g.Hooks!.OnQuery(ctx, layer, _s.Q.AsSpan(g.Start * _c.QueryWidth, g.Tokens * _c.QueryWidth));
                if (g.Wants(HookPoints.Key)) g.Hooks!.OnKey(ctx, layer, _s.K.AsSpan(g.Start * _c.KvWidth, g.Tokens * _c.KvWidth));
                if (g.Wants(HookPoints.Value)) g.Hooks!.OnValue(ctx, layer, _s.V.AsSpan(g.Start * _c.KvWidth, g.Tokens * _c.KvWidth));
            }
        RotateAndCache(layer, n, segments, owner);
        Attend(layer, n, segments, owner, points);
        MatMul(_s.Attn, n, lw.AttnOut, lw.AttnOutBias, _s.O);

        var x = _s.X.AsSpan(0, n * d);
        var o = _s.O.AsSpan(0, n * d);
        var m = _s.Mlp.AsSpan(0, n * d);
        switch (_c.Family.Residual)
        {
            case ResidualLayout.Sequential:
                TensorPrimitives.Add(x, o, x);
                Norm(_s.X, n, lw.MlpNorm, lw.MlpNormBias, _s.Normed);
                Mlp(lw, n);
                TensorPrimitives.Add(x, m, x);
                break;
            case ResidualLayout.Sandwich:
                Norm(_s.O, n, lw.PostAttnNorm, null, _s.O);
                TensorPrimitives.Add(x, o, x);
                Norm(_s.X, n, lw.MlpNorm, lw.MlpNormBias, _s.Normed);
                Mlp(lw, n);
                Norm(_s.Mlp, n, lw.PostMlpNorm, null, _s.Mlp);
                TensorPrimitives.Add(x, m, x);
                break;
            case ResidualLayout.ParallelTwoNorms:
                Norm(_s.X, n, lw.MlpNorm, lw.MlpNormBias, _s.Normed);
                Mlp(lw, n);
                TensorPrimitives.Add(x, o, x);
                TensorPrimitives.Add(x, m, x);
                break;
            case ResidualLayout.ParallelSharedNorm:
                Mlp(lw, n); // reads the attention norm's output, still in Normed
                TensorPrimitives.Add(x, o, x);
                TensorPrimitives.Add(x, m, x);
                break;
        }
    }

    private void Project(LayerWeights lw, int n)
    {
        int qw = _c.QueryWidth, kvw = _c.KvWidth;
        if (lw.QkvFused is { } fused)
        {
            var width = qw + 2 * kvw;
            MatMul(_s.Normed, n, fused, lw.QkvFusedBias, _s.Fused);
            for (var t = 0; t < n; t++)
            {
                var row = _s.Fused.AsSpan(t * width, width);
                var q = _s.Q.AsSpan(t * qw, qw);
                var k = _s.K.AsSpan(t * kvw, kvw);
                var v = _s.V.AsSpan(t * kvw, kvw);
                if (_c.Family.Qkv == QkvLayout.FusedBlocked)
                {
                    row[..qw].CopyTo(q); row.Slice(qw, kvw).CopyTo(k); row.Slice(qw + kvw, kvw).CopyTo(v);
                }
                else // per head [q_h | k_h | v_h]; GPT-NeoX has KVH = H
                {
                    var hd = _c.HeadDim;
                    for (var h = 0; h < _c.Heads; h++)
                    {
                        row.Slice(h * 3 * hd, hd).CopyTo(q.Slice(h * hd, hd));
                        row.Slice(h * 3 * hd + hd, hd).CopyTo(k.Slice(h * hd, hd));
                        row.Slice(h * 3 * hd + 2 * hd, hd).CopyTo(v.Slice(h * hd, hd));
                    }
                }
            }
        }
        else
        {
            fixed (float* x = _s.Normed, q = _s.Q, k = _s.K, v = _s.V, qb = lw.QueryBias, kb = lw.KeyBias, vb = lw.ValueBias)
                Tensors.MatMul.MultiplyMany(team, x, n, [new(lw.Query!.Value, qb, q), new(lw.Key!.Value, kb, k), new(lw.Value!.Value, vb, v)]);
        }
        if (_c.ClipQkv is { } clip)
        {
            var c = (float)clip;
            TensorPrimitives.Clamp(_s.Q.AsSpan(0, n * qw), -c, c, _s.Q.AsSpan(0, n * qw));
            TensorPrimitives.Clamp(_s.K.AsSpan(0, n * kvw), -c, c, _s.K.AsSpan(0, n * kvw));
            TensorPrimitives.Clamp(_s.V.AsSpan(0, n * kvw), -c, c, _s.V.AsSpan(0, n * kvw));
        }
    }

    private void RotateAndCache(int layer, int n, Segment[] segments, int[] owner)
    {
        int qw = _c.QueryWidth, kvw = _c.KvWidth, hd = _c.HeadDim;
        // One job over the rows of all sequences: a decode step of many streams synchronises the team once, not per stream.
        team.For(n, 1, (r0, r1) =>
        {
            for (var row = r0; row < r1; row++)
            {
                var g = segments[owner[row]];
                var position = g.Position + row - g.Start;
                _rope.Apply(_s.Q.AsSpan(row * qw, qw), _c.Heads, hd, position);
                var k = _s.K.AsSpan(row * kvw, kvw);
                _rope.Apply(k, _c.KvHeads, hd, position);
                k.CopyTo(g.Cache.Keys(layer).AsSpan(position * kvw, kvw));
                _s.V.AsSpan(row * kvw, kvw).CopyTo(g.Cache.Values(layer).AsSpan(position * kvw, kvw));
            }
        });
    }

    private void Attend(int layer, int n, Segment[] segments, int[] owner, HookPoints points)
    {
        int heads = _c.Heads, hd = _c.HeadDim, qw = _c.QueryWidth, kvw = _c.KvWidth, group = _c.Heads / _c.KvHeads;
        var window = _c.SlidingWindow[layer];
        var scale = (float)_c.AttentionScale;
        var softcap = _c.AttentionSoftcap is { } cap ? (float)cap : 0f;
        // Only the sequences whose hooks ask for the pattern pay for it.
        var patterns = (points & HookPoints.Pattern) != 0
            ? segments.Select(g => g.Wants(HookPoints.Pattern) ? new float[heads * g.Tokens * (g.Position + g.Tokens)] : null).ToArray()
            : null;

        team.ForEach(n * heads, item =>
        {
            var row = item / heads;
            var h = item % heads;
            var g = segments[owner[row]];
            var t = row - g.Start;
            var position = g.Position + t;
            var first = window is { } w ? Math.Max(0, position - w + 1) : 0;
            var count = position - first + 1;
            var scores = _scores is { } sc && sc.Length >= count ? sc : _scores = new float[Math.Max(count, 256)];
            var kvOffset = h / group * hd;
            fixed (float* keys = g.Cache.Keys(layer), values = g.Cache.Values(layer), q = _s.Q, attn = _s.Attn, sp = scores)
                AttentionKernel.Row(q + row * qw + h * hd, keys + kvOffset, values + kvOffset, kvw, first, count, hd, scale, softcap, sp, attn + row * qw + h * hd);
            var p = scores.AsSpan(0, count);
            if (patterns?[g.Sequence] is { } pattern)
            {
                var keyCount = g.Position + g.Tokens;
                p.CopyTo(pattern.AsSpan((h * g.Tokens + t) * keyCount + first, count));
            }
        });

        if (patterns is not null)
            foreach (var g in segments)
                if (patterns[g.Sequence] is { } pattern) g.Hooks!.OnPattern(g.Context, layer, pattern);
    }

    private void Mlp(LayerWeights lw, int n)
    {
        var inter = _c.Intermediate;
        var gate = _s.Gate.AsSpan(0, n * inter);
        switch (_c.Family.Mlp)
        {
            case MlpLayout.Gated:
                fixed (float* x = _s.Normed, g = _s.Gate, u = _s.Up)
                    Tensors.MatMul.MultiplyMany(team, x, n, [new(lw.Gate!.Value, null, g), new(lw.Up!.Value, null, u)]);
                team.For(n, 1, (t0, t1) =>
                {
                    var g = _s.Gate.AsSpan(t0 * inter, (t1 - t0) * inter);
                    Activations.Apply(_c.Activation, g);
                    TensorPrimitives.Multiply(g, _s.Up.AsSpan(t0 * inter, (t1 - t0) * inter), g);
                });
                break;
            case MlpLayout.GatedFused:
                MatMul(_s.Normed, n, lw.GateUpFused!.Value, null, _s.Fused);
                for (var t = 0; t < n; t++)
                {
                    var row = _s.Fused.AsSpan(t * 2 * inter, 2 * inter);
                    var g = gate.Slice(t * inter, inter);
                    row[..inter].CopyTo(g);
                    Activations.Apply(_c.Activation, g);
                    TensorPrimitives.Multiply(g, row[inter..], g);
                }
                break;
            case MlpLayout.Plain:
                MatMul(_s.Normed, n, lw.MlpIn!.Value, lw.MlpInBias, _s.Gate);
                team.For(n, 1, (t0, t1) => Activations.Apply(_c.Activation, _s.Gate.AsSpan(t0 * inter, (t1 - t0) * inter)));
                break;
        }
        MatMul(_s.Gate, n, lw.Down, lw.DownBias, _s.Mlp);
    }

    private float[][] Logits(Segment[] segments, LogitsScope scope)
    {
        var result = new float[segments.Length][];
        if (scope == LogitsScope.None) { for (var s = 0; s < result.Length; s++) result[s] = []; return result; }
        int d = _c.Hidden;
        // Gather the rows whose logits are wanted into Normed, then unembed them in one multiplication.
        var rows = new List<int>();
        foreach (var g in segments)
            if (scope == LogitsScope.All) for (var t = 0; t < g.Tokens; t++) rows.Add(g.Start + t);
            else if (g.Tokens > 0) rows.Add(g.Start + g.Tokens - 1);
        var gathered = new float[rows.Count * d];
        for (var i = 0; i < rows.Count; i++) _s.X.AsSpan(rows[i] * d, d).CopyTo(gathered.AsSpan(i * d, d));
        var logits = new float[rows.Count * _c.Vocab];
        Unembed(gathered, rows.Count, logits);
        if (segments.Length == 1) { result[0] = logits; return result; } // decode: no second vocabulary-sized copy
        var offset = 0;
        for (var s = 0; s < segments.Length; s++)
        {
            var count = scope == LogitsScope.All ? segments[s].Tokens : Math.Min(1, segments[s].Tokens);
            result[s] = logits.AsSpan(offset * _c.Vocab, count * _c.Vocab).ToArray();
            offset += count;
        }
        return result;
    }

    /// <summary>final norm → unembedding (+ bias) → final soft-cap, for n residual rows [n, D] → [n, V].</summary>
    public void Unembed(ReadOnlySpan<float> residual, int n, Span<float> logits)
    {
        var normed = new float[n * _c.Hidden];
        fixed (float* r = residual, y = normed)
            Norms.Apply(_c.Family.Norm, r, n, _c.Hidden, _w.FinalNorm, _w.FinalNormBias, _c.NormEps, y);
        fixed (float* x = normed, y = logits, b = _w.LmHeadBias)
            Tensors.MatMul.Multiply(team, x, n, _w.LmHead, b, y);
        if (_c.FinalSoftcap is { } cap)
        {
            var span = logits[..(n * _c.Vocab)];
            TensorPrimitives.Divide(span, (float)cap, span);
            TensorPrimitives.Tanh(span, span);
            TensorPrimitives.Multiply(span, (float)cap, span);
        }
    }

    private void Norm(float[] x, int n, float[]? weight, float[]? bias, float[] y)
    {
        fixed (float* xp = x, yp = y)
            Norms.Apply(_c.Family.Norm, xp, n, _c.Hidden, weight, bias, _c.NormEps, yp);
    }

    private void MatMul(float[] x, int n, in WeightMatrix w, float[]? bias, float[] y)
    {
        fixed (float* xp = x, yp = y, bp = bias)
            Tensors.MatMul.Multiply(team, xp, n, w, bp, yp);
    }
}
