using Lens.Engine.Inference;
using Lens.Engine.Models;
using Lens.Engine.Tensors;

namespace Lens.Engine.IO;

/// <summary>
/// llama2.c "legacy" checkpoints: 7 int32 (dim, hidden_dim, n_layers, n_heads, n_kv_heads, vocab_size, seq_len; a
/// negative vocab means an unshared classifier), then float32 arrays. q/k rows use adjacent-pair rotary, so the model
/// runs with <see cref="RotaryStyle.Interleaved"/> and gives the same logits as the permuted Hugging Face export.
/// </summary>
public static unsafe class Llama2cCheckpoint
{
    public static (ModelConfig Config, ModelWeights Weights) Load(string path, WeightResidency residency = WeightResidency.Mapped)
    {
        var file = WeightFile.Open(path, residency);
        try { return Read(file); }
        catch { file.Dispose(); throw; }
    }

    private static (ModelConfig, ModelWeights) Read(WeightFile file)
    {
        var path = file.Path;
        if (file.Length < 28) throw new ModelFormatException($"{path}: truncated: {file.Length} bytes, too short for the 28-byte llama2.c header");
        var header = (int*)file.Pointer;
        int dim = header[0], hidden = header[1], layers = header[2], heads = header[3], kvHeads = header[4], vocabField = header[5], seqLen = header[6];
        var shared = vocabField > 0;
        var vocab = Math.Abs(vocabField);
        if (dim <= 0 || hidden <= 0 || layers <= 0 || heads <= 0 || kvHeads <= 0 || vocab == 0 || seqLen <= 0 || dim % heads != 0 || heads % kvHeads != 0)
            throw new ModelFormatException($"{path}: implausible llama2.c header (dim {dim}, hidden_dim {hidden}, n_layers {layers}, n_heads {heads}, n_kv_heads {kvHeads}, vocab_size {vocabField}, seq_len {seqLen})");
        var headDim = dim / heads;
        var kvDim = kvHeads * headDim;

        long offset = 28;
        byte* Take(string what, long floats)
        {
            var bytes = floats * 4;
            if (offset + bytes > file.Length)
                throw new ModelFormatException($"{path}: truncated: '{what}' needs bytes {offset}..{offset + bytes} but the file has {file.Length}");
            var p = file.Pointer + offset;
            offset += bytes;
            return p;
        }

        var embedding = Take("tok_embeddings", (long)vocab * dim);
        var rmsAtt = (float*)Take("rms_att_weight", (long)layers * dim);
        var wq = Take("wq", (long)layers * dim * dim);
        var wk = Take("wk", (long)layers * kvDim * dim);
        var wv = Take("wv", (long)layers * kvDim * dim);
        var wo = Take("wo", (long)layers * dim * dim);
        var rmsFfn = (float*)Take("rms_ffn_weight", (long)layers * dim);
        var w1 = Take("w1", (long)layers * hidden * dim);
        var w2 = Take("w2", (long)layers * dim * hidden);
        var w3 = Take("w3", (long)layers * hidden * dim);
        var rmsFinal = (float*)Take("rms_final_weight", dim);
        Take("freq_cis (legacy rope tables)", (long)seqLen * headDim);
        var classifier = shared ? embedding : Take("wcls", (long)vocab * dim);

        static float[] Copy(float* p, int n) => new ReadOnlySpan<float>(p, n).ToArray();
        WeightMatrix M(byte* basePtr, int layer, int rows, int cols) =>
            new(basePtr + (long)layer * rows * cols * 4, TensorDType.F32, rows, cols);

        var layerWeights = new LayerWeights[layers];
        for (var l = 0; l < layers; l++)
            layerWeights[l] = new LayerWeights
            {
                AttnNorm = Copy(rmsAtt + (long)l * dim, dim),
                Query = M(wq, l, dim, dim), Key = M(wk, l, kvDim, dim), Value = M(wv, l, kvDim, dim),
                AttnOut = M(wo, l, dim, dim),
                MlpNorm = Copy(rmsFfn + (long)l * dim, dim),
                Gate = M(w1, l, hidden, dim), Up = M(w3, l, hidden, dim), Down = M(w2, l, dim, hidden),
            };

        var config = new ModelConfig
        {
            ModelType = "llama", Family = ModelFamilies.Get("llama", path), Layers = layers, Hidden = dim, Heads = heads,
            KvHeads = kvHeads, HeadDim = headDim, Intermediate = hidden, Vocab = vocab, ContextLength = seqLen,
            NormEps = 1e-5, Activation = Activation.Silu, TiedEmbeddings = shared, RopeTheta = 10000,
            RotaryDim = headDim, Rotary = RotaryStyle.Interleaved, SlidingWindow = new int?[layers],
            AttentionScale = 1.0 / Math.Sqrt(headDim), BosTokenId = 1, EosTokenIds = [2],
        };
        var weights = new ModelWeights
        {
            TokenEmbedding = new TensorView(embedding, TensorDType.F32, [vocab, dim]),
            Layers = layerWeights,
            FinalNorm = Copy(rmsFinal, dim),
            LmHead = new WeightMatrix(classifier, TensorDType.F32, vocab, dim),
            Owned = [file],
        };
        return (config, weights);
    }
}
