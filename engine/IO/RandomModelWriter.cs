using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace Lens.Engine.IO;

/// <summary>
/// Writes a Hugging Face layout Llama folder (config.json + model.safetensors, tied embeddings) with seeded random
/// weights, for benchmarks and for testing a pipeline without downloading a model.
/// </summary>
public static class RandomModelWriter
{
    /// <param name="roundToBFloat16">Round every weight to bfloat16 precision first, so F32 and BF16 files hold identical values.</param>
    public static void Write(string dir, RandomModelShape shape, TensorDType dtype = TensorDType.F32, ulong seed = 0, bool roundToBFloat16 = false)
    {
        Directory.CreateDirectory(dir);
        var headDim = shape.Hidden / shape.Heads;
        var config = new JsonObject
        {
            ["architectures"] = new JsonArray("LlamaForCausalLM"), ["model_type"] = "llama",
            ["hidden_size"] = shape.Hidden, ["intermediate_size"] = shape.Intermediate, ["num_hidden_layers"] = shape.Layers,
            ["num_attention_heads"] = shape.Heads, ["num_key_value_heads"] = shape.KvHeads, ["head_dim"] = headDim,
            ["vocab_size"] = shape.Vocab, ["max_position_embeddings"] = shape.ContextLength, ["rms_norm_eps"] = 1e-5,
            ["rope_theta"] = 10000.0, ["hidden_act"] = "silu", ["tie_word_embeddings"] = true,
            ["bos_token_id"] = 1, ["eos_token_id"] = 2, ["torch_dtype"] = dtype switch { TensorDType.BF16 => "bfloat16", TensorDType.F16 => "float16", _ => "float32" },
        };
        File.WriteAllText(Path.Combine(dir, "config.json"), config.ToJsonString(new() { WriteIndented = true }));

        var rng = seed * 0x9E3779B97F4A7C15UL + 1;
        var tensors = new List<(string, long[], Action<Stream>)>();
        void Add(string name, float scale, bool ones, params long[] dims) =>
            tensors.Add((name, dims, s => WriteRandom(s, dims.Aggregate(1L, (a, b) => a * b), dtype, scale, ones, roundToBFloat16, ref rng)));

        int d = shape.Hidden, kv = shape.KvHeads * headDim;
        var std = 0.02f;
        Add("model.embed_tokens.weight", std, false, shape.Vocab, d);
        for (var i = 0; i < shape.Layers; i++)
        {
            var p = $"model.layers.{i}.";
            Add(p + "input_layernorm.weight", 0, true, d);
            Add(p + "self_attn.q_proj.weight", std, false, shape.Heads * headDim, d);
            Add(p + "self_attn.k_proj.weight", std, false, kv, d);
            Add(p + "self_attn.v_proj.weight", std, false, kv, d);
            Add(p + "self_attn.o_proj.weight", std, false, d, shape.Heads * headDim);
            Add(p + "post_attention_layernorm.weight", 0, true, d);
            Add(p + "mlp.gate_proj.weight", std, false, shape.Intermediate, d);
            Add(p + "mlp.up_proj.weight", std, false, shape.Intermediate, d);
            Add(p + "mlp.down_proj.weight", std, false, d, shape.Intermediate);
        }
        Add("model.norm.weight", 0, true, d);
        tensors.Sort((a, b) => string.CompareOrdinal(a.Item1, b.Item1));
        SafetensorsWriter.Write(Path.Combine(dir, "model.safetensors"), dtype, tensors);
    }

    private static void WriteRandom(Stream stream, long count, TensorDType dtype, float scale, bool ones, bool roundToBFloat16, ref ulong state)
    {
        const int chunk = 1 << 16;
        var values = new float[chunk];
        var bytes = new byte[chunk * 4];
        for (long done = 0; done < count; done += chunk)
        {
            var n = (int)Math.Min(chunk, count - done);
            for (var i = 0; i < n; i++)
            {
                // Uniform in [-√3, √3]·scale has standard deviation `scale`; norms start at 1 with a little noise.
                state ^= state << 13; state ^= state >> 7; state ^= state << 17;
                var u = (float)((state >> 40) * (1.0 / (1UL << 24))) * 2f - 1f;
                var v = ones ? 1f + 0.1f * u : u * 1.7320508f * scale;
                values[i] = roundToBFloat16 ? BitConverter.Int32BitsToSingle(Numerics.ToBFloat16(v) << 16) : v;
            }
            switch (dtype)
            {
                case TensorDType.F32:
                    stream.Write(MemoryMarshal.AsBytes(values.AsSpan(0, n)));
                    break;
                case TensorDType.BF16:
                    for (var i = 0; i < n; i++) BitConverter.TryWriteBytes(bytes.AsSpan(i * 2), Numerics.ToBFloat16(values[i]));
                    stream.Write(bytes, 0, n * 2);
                    break;
                case TensorDType.F16:
                    for (var i = 0; i < n; i++) BitConverter.TryWriteBytes(bytes.AsSpan(i * 2), (Half)values[i]);
                    stream.Write(bytes, 0, n * 2);
                    break;
            }
        }
    }
}
