using System.Text.Json;
using Lens.Engine.IO;
using Lens.Engine.Models;

namespace Lens.Engine.Inference;

/// <summary>Reads a Hugging Face config.json into a <see cref="ModelConfig"/>, with each family's key spellings and defaults.</summary>
public static class ConfigReader
{
    public static ModelConfig Read(string path)
    {
        if (!File.Exists(path)) throw new ModelFormatException($"{path}: config.json not found");
        JsonDocument doc;
        try { doc = JsonDocument.Parse(File.ReadAllBytes(path)); }
        catch (JsonException e) { throw new ModelFormatException($"{path}: malformed JSON: {e.Message}", e); }
        using (doc) return Parse(doc.RootElement, path);
    }

    public static ModelConfig Parse(JsonElement c, string path)
    {
        if (c.ValueKind != JsonValueKind.Object) throw new ModelFormatException($"{path}: not a JSON object");
        var type = Str(c, "model_type") ?? throw new ModelFormatException($"{path}: missing field 'model_type'");
        var family = ModelFamilies.Get(type, path);

        int Required(params string[] keys) => Int(c, keys) is { } v && v > 0 ? v
            : throw new ModelFormatException($"{path}: missing or non-positive field '{keys[0]}'");

        var hidden = Required("hidden_size", "n_embd", "d_model");
        var layers = Required("num_hidden_layers", "n_layer");
        var heads = Required("num_attention_heads", "n_head");
        var kvHeads = Int(c, "num_key_value_heads") ?? heads;
        if (kvHeads <= 0 || heads % kvHeads != 0)
            throw new ModelFormatException($"{path}: num_key_value_heads {kvHeads} must divide num_attention_heads {heads}");
        var headDim = Int(c, "head_dim") ?? (hidden % heads == 0 ? hidden / heads
            : throw new ModelFormatException($"{path}: hidden_size {hidden} is not divisible by num_attention_heads {heads} and no head_dim is given"));
        var intermediate = Int(c, "intermediate_size", "n_inner") ?? 4 * hidden;
        var vocab = Required("vocab_size");
        var context = Int(c, "max_position_embeddings", "n_positions", "n_ctx") ?? 2048;

        var ropeParameters = c.TryGetProperty("rope_parameters", out var rp) && rp.ValueKind == JsonValueKind.Object ? rp : default;
        var theta = Dbl(c, "rope_theta", "rotary_emb_base") ?? (ropeParameters.ValueKind == JsonValueKind.Object ? Dbl(ropeParameters, "rope_theta") : null) ?? 10000;
        var fraction = Dbl(c, "rotary_pct", "partial_rotary_factor")
            ?? (ropeParameters.ValueKind == JsonValueKind.Object ? Dbl(ropeParameters, "partial_rotary_factor") : null) ?? 1.0;
        var rotaryDim = Int(c, "rotary_dim") ?? (int)(headDim * fraction);
        if (rotaryDim % 2 != 0 || rotaryDim > headDim) throw new ModelFormatException($"{path}: rotary dimension {rotaryDim} must be even and at most head_dim {headDim}");

        var activation = ParseActivation(Str(c, [.. family.ActivationKeys]), family, path);

        var windows = new int?[layers];
        var window = Int(c, "sliding_window");
        var useWindow = family.SlidingWindow == SlidingWindowRule.OptInFromMaxWindowLayers
            ? Bool(c, "use_sliding_window") ?? false
            : window is not null;
        if (useWindow && window is { } w)
        {
            var layerTypes = c.TryGetProperty("layer_types", out var lt) && lt.ValueKind == JsonValueKind.Array
                ? lt.EnumerateArray().Select(e => e.GetString()).ToArray() : null;
            var maxWindowLayers = family.SlidingWindow == SlidingWindowRule.OptInFromMaxWindowLayers ? Int(c, "max_window_layers") ?? 0 : 0;
            for (var i = 0; i < layers; i++)
            {
                var sliding = layerTypes is not null && layerTypes.Length == layers ? layerTypes[i] == "sliding_attention"
                    : family.SlidingWindow == SlidingWindowRule.EvenLayers ? i % 2 == 0
                    : i >= maxWindowLayers;
                windows[i] = sliding ? w : null;
            }
        }

        var scale = family.UsesQueryPreAttnScalar && Dbl(c, "query_pre_attn_scalar") is { } qpas ? 1.0 / Math.Sqrt(qpas) : 1.0 / Math.Sqrt(headDim);
        return new ModelConfig
        {
            ModelType = type, Family = family, Layers = layers, Hidden = hidden, Heads = heads, KvHeads = kvHeads,
            HeadDim = headDim, Intermediate = intermediate, Vocab = vocab, ContextLength = context,
            NormEps = family.FixedNormEps ?? Dbl(c, "rms_norm_eps", "layer_norm_eps", "layer_norm_epsilon") ?? 1e-5,
            Activation = activation,
            TiedEmbeddings = Bool(c, "tie_word_embeddings") ?? family.TiedDefault,
            RopeTheta = theta, RotaryDim = family.Rotary == RotaryStyle.None ? 0 : rotaryDim, Rotary = family.Rotary,
            RopeScaling = ReadRopeScaling(c, path),
            SlidingWindow = windows,
            AttentionScale = scale,
            AttentionSoftcap = family.UsesSoftcapping ? Dbl(c, "attn_logit_softcapping") : null,
            FinalSoftcap = family.UsesSoftcapping ? Dbl(c, "final_logit_softcapping") : null,
            ClipQkv = Dbl(c, "clip_qkv"),
            AttentionBias = Bool(c, "attention_bias") ?? false,
            MlpBias = Bool(c, "mlp_bias") ?? false,
            BosTokenId = Int(c, "bos_token_id"),
            EosTokenIds = IntList(c, "eos_token_id"),
        };
    }

    private static Activation ParseActivation(string? name, ModelFamily family, string path) => name switch
    {
        null => family.DefaultActivation,
        _ when family.ActivationOverrides.TryGetValue(name, out var overridden) => overridden,
        "silu" or "swish" => Activation.Silu,
        "gelu_new" or "gelu_pytorch_tanh" or "gelu_fast" => Activation.GeluTanh,
        "gelu" => Activation.GeluExact,
        _ => throw new NotSupportedException($"{path}: unsupported activation '{name}' (supported: silu, gelu, gelu_new, gelu_pytorch_tanh)"),
    };

    private static RopeScaling? ReadRopeScaling(JsonElement c, string path)
    {
        if (!c.TryGetProperty("rope_scaling", out var s) || s.ValueKind != JsonValueKind.Object) return null;
        var type = Str(s, "rope_type", "type") ?? "default";
        return type switch
        {
            "default" => null,
            "linear" => new RopeScaling(type, Dbl(s, "factor") ?? throw new ModelFormatException($"{path}: rope_scaling.factor missing")),
            "llama3" => new RopeScaling(type, Dbl(s, "factor") ?? throw new ModelFormatException($"{path}: rope_scaling.factor missing"),
                Dbl(s, "low_freq_factor") ?? 1, Dbl(s, "high_freq_factor") ?? 4, Dbl(s, "original_max_position_embeddings") ?? 8192),
            _ => throw new NotSupportedException($"{path}: unsupported rope_scaling type '{type}' (supported: default, linear, llama3)"),
        };
    }

    private static string? Str(JsonElement e, params string[] keys)
    {
        foreach (var k in keys) if (e.TryGetProperty(k, out var v) && v.ValueKind == JsonValueKind.String) return v.GetString();
        return null;
    }

    private static int? Int(JsonElement e, params string[] keys)
    {
        foreach (var k in keys)
            if (e.TryGetProperty(k, out var v) && v.ValueKind == JsonValueKind.Number)
                return v.TryGetInt32(out var i) ? i : (int)v.GetDouble();
        return null;
    }

    private static double? Dbl(JsonElement e, params string[] keys)
    {
        foreach (var k in keys) if (e.TryGetProperty(k, out var v) && v.ValueKind == JsonValueKind.Number) return v.GetDouble();
        return null;
    }

    private static bool? Bool(JsonElement e, string key) =>
        e.TryGetProperty(key, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null;

    private static IReadOnlyList<int> IntList(JsonElement e, string key)
    {
        if (!e.TryGetProperty(key, out var v)) return [];
        return v.ValueKind switch
        {
            JsonValueKind.Number => [v.GetInt32()],
            JsonValueKind.Array => v.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.Number).Select(x => x.GetInt32()).ToArray(),
            _ => [],
        };
    }
}
