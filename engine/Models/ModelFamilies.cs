using static Lens.Engine.Models.TensorRole;

namespace Lens.Engine.Models;

/// <summary>The registry of supported families, keyed by config.json <c>model_type</c>.</summary>
public static class ModelFamilies
{
    private static Dictionary<TensorRole, string> LlamaNames(string prefix = "model.") => new()
    {
        [TokenEmbedding] = prefix + "embed_tokens.weight",
        [AttnNorm] = prefix + "layers.{i}.input_layernorm.weight",
        [Query] = prefix + "layers.{i}.self_attn.q_proj.weight", [QueryBias] = prefix + "layers.{i}.self_attn.q_proj.bias",
        [Key] = prefix + "layers.{i}.self_attn.k_proj.weight", [KeyBias] = prefix + "layers.{i}.self_attn.k_proj.bias",
        [Value] = prefix + "layers.{i}.self_attn.v_proj.weight", [ValueBias] = prefix + "layers.{i}.self_attn.v_proj.bias",
        [AttnOut] = prefix + "layers.{i}.self_attn.o_proj.weight", [AttnOutBias] = prefix + "layers.{i}.self_attn.o_proj.bias",
        [MlpNorm] = prefix + "layers.{i}.post_attention_layernorm.weight",
        [Gate] = prefix + "layers.{i}.mlp.gate_proj.weight", [Up] = prefix + "layers.{i}.mlp.up_proj.weight",
        [Down] = prefix + "layers.{i}.mlp.down_proj.weight",
        [FinalNorm] = prefix + "norm.weight",
        [LmHead] = "lm_head.weight",
    };

    private static readonly ModelFamily Llama = new() { ModelType = "llama", Names = LlamaNames(), TiedDefault = false };

    private static readonly ModelFamily Gemma = new()
    {
        ModelType = "gemma", Names = LlamaNames(), Norm = NormKind.RmsNormOffset, DefaultActivation = Activation.GeluTanh,
        TiedDefault = true, ScaleEmbeddings = true,
        ActivationKeys = ["hidden_activation", "hidden_act"],
        ActivationOverrides = new Dictionary<string, Activation> { ["gelu"] = Activation.GeluTanh },
    };

    private static readonly ModelFamily[] All =
    [
        Llama,
        Llama with { ModelType = "mistral" },
        Llama with
        {
            ModelType = "qwen2", RequiredBiases = new HashSet<TensorRole> { QueryBias, KeyBias, ValueBias },
            SlidingWindow = SlidingWindowRule.OptInFromMaxWindowLayers,
        },
        Gemma,
        Gemma with
        {
            ModelType = "gemma2", Residual = ResidualLayout.Sandwich, SlidingWindow = SlidingWindowRule.EvenLayers,
            UsesQueryPreAttnScalar = true, UsesSoftcapping = true,
            Names = new Dictionary<TensorRole, string>(LlamaNames())
            {
                [PostAttnNorm] = "model.layers.{i}.post_attention_layernorm.weight",
                [MlpNorm] = "model.layers.{i}.pre_feedforward_layernorm.weight",
                [PostMlpNorm] = "model.layers.{i}.post_feedforward_layernorm.weight",
            },
        },
        new()
        {
            ModelType = "phi3", Qkv = QkvLayout.FusedBlocked, Mlp = MlpLayout.GatedFused,
            Names = new Dictionary<TensorRole, string>(LlamaNames())
            {
                [QkvFused] = "model.layers.{i}.self_attn.qkv_proj.weight",
                [GateUpFused] = "model.layers.{i}.mlp.gate_up_proj.weight",
            },
        },
        new()
        {
            ModelType = "olmo", Names = LlamaNames(), Norm = NormKind.LayerNormNoParams, FixedNormEps = 1e-5,
            AttentionBiasIncludesOutput = true,
        },
        new()
        {
            ModelType = "gpt2", Norm = NormKind.LayerNorm, Rotary = RotaryStyle.None, Qkv = QkvLayout.FusedBlocked,
            Mlp = MlpLayout.Plain, Linear = LinearLayout.InOut, DefaultActivation = Activation.GeluTanh, TiedDefault = true,
            OptionalPrefixes = ["transformer."],
            RequiredBiases = new HashSet<TensorRole> { AttnNormBias, QkvFusedBias, AttnOutBias, MlpNormBias, MlpInBias, DownBias, FinalNormBias },
            Names = new Dictionary<TensorRole, string>
            {
                [TokenEmbedding] = "transformer.wte.weight", [PositionEmbedding] = "transformer.wpe.weight",
                [AttnNorm] = "transformer.h.{i}.ln_1.weight", [AttnNormBias] = "transformer.h.{i}.ln_1.bias",
                [QkvFused] = "transformer.h.{i}.attn.c_attn.weight", [QkvFusedBias] = "transformer.h.{i}.attn.c_attn.bias",
                [AttnOut] = "transformer.h.{i}.attn.c_proj.weight", [AttnOutBias] = "transformer.h.{i}.attn.c_proj.bias",
                [MlpNorm] = "transformer.h.{i}.ln_2.weight", [MlpNormBias] = "transformer.h.{i}.ln_2.bias",
                [MlpIn] = "transformer.h.{i}.mlp.c_fc.weight", [MlpInBias] = "transformer.h.{i}.mlp.c_fc.bias",
                [Down] = "transformer.h.{i}.mlp.c_proj.weight", [DownBias] = "transformer.h.{i}.mlp.c_proj.bias",
                [FinalNorm] = "transformer.ln_f.weight", [FinalNormBias] = "transformer.ln_f.bias",
                [LmHead] = "lm_head.weight",
            },
        },
        new()
        {
            ModelType = "gpt_neox", Norm = NormKind.LayerNorm, Qkv = QkvLayout.FusedPerHead, Mlp = MlpLayout.Plain,
            Residual = ResidualLayout.ParallelTwoNorms, DefaultActivation = Activation.GeluExact,
            RequiredBiases = new HashSet<TensorRole> { AttnNormBias, MlpNormBias, MlpInBias, DownBias, FinalNormBias },
            Names = new Dictionary<TensorRole, string>
            {
                [TokenEmbedding] = "gpt_neox.embed_in.weight",
                [AttnNorm] = "gpt_neox.layers.{i}.input_layernorm.weight", [AttnNormBias] = "gpt_neox.layers.{i}.input_layernorm.bias",
                [MlpNorm] = "gpt_neox.layers.{i}.post_attention_layernorm.weight", [MlpNormBias] = "gpt_neox.layers.{i}.post_attention_layernorm.bias",
                [QkvFused] = "gpt_neox.layers.{i}.attention.query_key_value.weight", [QkvFusedBias] = "gpt_neox.layers.{i}.attention.query_key_value.bias",
                [AttnOut] = "gpt_neox.layers.{i}.attention.dense.weight", [AttnOutBias] = "gpt_neox.layers.{i}.attention.dense.bias",
                [MlpIn] = "gpt_neox.layers.{i}.mlp.dense_h_to_4h.weight", [MlpInBias] = "gpt_neox.layers.{i}.mlp.dense_h_to_4h.bias",
                [Down] = "gpt_neox.layers.{i}.mlp.dense_4h_to_h.weight", [DownBias] = "gpt_neox.layers.{i}.mlp.dense_4h_to_h.bias",
                [FinalNorm] = "gpt_neox.final_layer_norm.weight", [FinalNormBias] = "gpt_neox.final_layer_norm.bias",
                [LmHead] = "embed_out.weight",
            },
        },
        new()
        {
            ModelType = "gptj", Norm = NormKind.LayerNorm, Rotary = RotaryStyle.Interleaved, Mlp = MlpLayout.Plain,
            Residual = ResidualLayout.ParallelSharedNorm, DefaultActivation = Activation.GeluTanh,
            RequiredBiases = new HashSet<TensorRole> { AttnNormBias, MlpInBias, DownBias, FinalNormBias, LmHeadBias },
            Names = new Dictionary<TensorRole, string>
            {
                [TokenEmbedding] = "transformer.wte.weight",
                [AttnNorm] = "transformer.h.{i}.ln_1.weight", [AttnNormBias] = "transformer.h.{i}.ln_1.bias",
                [Query] = "transformer.h.{i}.attn.q_proj.weight", [Key] = "transformer.h.{i}.attn.k_proj.weight",
                [Value] = "transformer.h.{i}.attn.v_proj.weight", [AttnOut] = "transformer.h.{i}.attn.out_proj.weight",
                [MlpIn] = "transformer.h.{i}.mlp.fc_in.weight", [MlpInBias] = "transformer.h.{i}.mlp.fc_in.bias",
                [Down] = "transformer.h.{i}.mlp.fc_out.weight", [DownBias] = "transformer.h.{i}.mlp.fc_out.bias",
                [FinalNorm] = "transformer.ln_f.weight", [FinalNormBias] = "transformer.ln_f.bias",
                [LmHead] = "lm_head.weight", [LmHeadBias] = "lm_head.bias",
            },
        },
    ];

    private static readonly Dictionary<string, ModelFamily> ByType = All.ToDictionary(f => f.ModelType, StringComparer.Ordinal);

    public static IEnumerable<string> SupportedTypes => ByType.Keys.Order(StringComparer.Ordinal);

    public static ModelFamily Get(string modelType, string source) =>
        ByType.TryGetValue(modelType, out var family) ? family
            : throw new NotSupportedException($"{source}: unsupported model_type '{modelType}'; supported: {string.Join(", ", SupportedTypes)}");
}
