using Lens.Engine.IO;
using Lens.Engine.Models;
using Lens.Engine.Tensors;
using static Lens.Engine.Models.TensorRole;

namespace Lens.Engine.Inference;

/// <summary>Binds a family's tensor names to a <see cref="TensorStore"/>, checking every shape against config.json.</summary>
public sealed unsafe class HuggingFaceWeights
{
    private readonly TensorStore _store;
    private readonly ModelConfig _config;
    private readonly ModelFamily _family;
    private readonly List<IDisposable> _owned = [];

    private HuggingFaceWeights(TensorStore store, ModelConfig config)
    {
        _store = store; _config = config; _family = config.Family;
        _owned.Add(store);
    }

    public static ModelWeights Load(TensorStore store, ModelConfig config)
    {
        var loader = new HuggingFaceWeights(store, config);
        try { return loader.Build(); }
        catch { foreach (var o in loader._owned) o.Dispose(); throw; }
    }

    private ModelWeights Build()
    {
        var c = _config;
        int d = c.Hidden, v = c.Vocab;
        var embedding = _store.View(Name(TokenEmbedding), v, d);
        var layers = new LayerWeights[c.Layers];
        for (var i = 0; i < c.Layers; i++) layers[i] = BuildLayer(i);
        // Tied: logits = h·Eᵀ, even when a checkpoint also stores a copy as lm_head.weight.
        var lmHead = c.TiedEmbeddings ? new WeightMatrix(embedding.Pointer, embedding.DType, v, d) : Matrix(LmHead, -1, v, d);
        return new ModelWeights
        {
            TokenEmbedding = embedding,
            PositionEmbedding = _family.Names.ContainsKey(PositionEmbedding) ? _store.View(Name(PositionEmbedding), c.ContextLength, d).ToFloatArray() : null,
            Layers = layers,
            FinalNorm = Norm(FinalNorm, -1),
            FinalNormBias = Vector(FinalNormBias, -1, d, required: false),
            LmHead = lmHead,
            LmHeadBias = Vector(LmHeadBias, -1, v, required: false),
            Owned = _owned,
        };
    }

    private LayerWeights BuildLayer(int i)
    {
        var c = _config;
        int d = c.Hidden, q = c.QueryWidth, kv = c.KvWidth, inter = c.Intermediate;
        var fused = _family.Qkv != QkvLayout.Separate;
        var attentionBias = c.AttentionBias;
        return new LayerWeights
        {
            AttnNorm = Norm(AttnNorm, i),
            AttnNormBias = Vector(AttnNormBias, i, d, required: false),
            Query = fused ? null : Matrix(Query, i, q, d),
            Key = fused ? null : Matrix(Key, i, kv, d),
            Value = fused ? null : Matrix(Value, i, kv, d),
            QkvFused = fused ? Matrix(QkvFused, i, q + 2 * kv, d) : null,
            QueryBias = fused ? null : Vector(QueryBias, i, q, attentionBias),
            KeyBias = fused ? null : Vector(KeyBias, i, kv, attentionBias),
            ValueBias = fused ? null : Vector(ValueBias, i, kv, attentionBias),
            QkvFusedBias = fused ? Vector(QkvFusedBias, i, q + 2 * kv, attentionBias) : null,
            AttnOut = Matrix(AttnOut, i, d, q),
            AttnOutBias = Vector(AttnOutBias, i, d, attentionBias && _family.AttentionBiasIncludesOutput),
            PostAttnNorm = _family.Residual == ResidualLayout.Sandwich ? Norm(PostAttnNorm, i) : null,
            MlpNorm = _family.Residual == ResidualLayout.ParallelSharedNorm ? null : Norm(MlpNorm, i),
            MlpNormBias = Vector(MlpNormBias, i, d, required: false),
            Gate = _family.Mlp == MlpLayout.Gated ? Matrix(Gate, i, inter, d) : null,
            Up = _family.Mlp == MlpLayout.Gated ? Matrix(Up, i, inter, d) : null,
            GateUpFused = _family.Mlp == MlpLayout.GatedFused ? Matrix(GateUpFused, i, 2 * inter, d) : null,
            MlpIn = _family.Mlp == MlpLayout.Plain ? Matrix(MlpIn, i, inter, d) : null,
            MlpInBias = Vector(MlpInBias, i, inter, c.MlpBias),
            Down = Matrix(Down, i, d, inter),
            DownBias = Vector(DownBias, i, d, c.MlpBias && _family.Mlp != MlpLayout.Plain),
            PostMlpNorm = _family.Residual == ResidualLayout.Sandwich ? Norm(PostMlpNorm, i) : null,
        };
    }

    /// <summary>The checkpoint's name for a role, trying the family's optional prefixes; null when absent.</summary>
    private string? Find(TensorRole role, int layer = -1)
    {
        var name = _family.NameOf(role, layer);
        if (name is null) return null;
        if (_store.Contains(name)) return name;
        foreach (var prefix in _family.OptionalPrefixes)
            if (name.StartsWith(prefix, StringComparison.Ordinal) && _store.Contains(name[prefix.Length..]))
                return name[prefix.Length..];
        return null;
    }

    private string Name(TensorRole role, int layer = -1) =>
        Find(role, layer) ?? throw new ModelFormatException(
            $"{_store.Folder}: missing tensor '{_family.NameOf(role, layer) ?? role.ToString()}' ({_family.ModelType} {role}{(layer >= 0 ? $", layer {layer}" : "")})");

    private WeightMatrix Matrix(TensorRole role, int layer, int rows, int cols)
    {
        var name = Name(role, layer);
        if (_family.Linear == LinearLayout.OutIn || role == LmHead)
        {
            var view = _store.View(name, rows, cols);
            return new WeightMatrix(view.Pointer, view.DType, rows, cols);
        }
        // Conv1D stores [in, out]; the kernels read rows of [out, in], so this one is rearranged once.
        var source = _store.View(name, cols, rows).ToFloatArray();
        var buffer = new NativeBuffer((long)rows * cols);
        _owned.Add(buffer);
        var target = buffer.Span;
        for (var r = 0; r < rows; r++)
            for (var k = 0; k < cols; k++)
                target[r * cols + k] = source[k * rows + r];
        return new WeightMatrix((byte*)buffer.Pointer, TensorDType.F32, rows, cols);
    }

    private float[]? Vector(TensorRole role, int layer, int length, bool required)
    {
        required |= _family.RequiredBiases.Contains(role);
        var name = required ? Name(role, layer) : Find(role, layer);
        return name is null ? null : _store.View(name, length).ToFloatArray();
    }

    private float[]? Norm(TensorRole role, int layer)
    {
        if (_family.Norm == NormKind.LayerNormNoParams) return null;
        var w = _store.View(Name(role, layer), _config.Hidden).ToFloatArray();
        if (_family.Norm == NormKind.RmsNormOffset)
            for (var k = 0; k < w.Length; k++) w[k] += 1f;
        return w;
    }
}
