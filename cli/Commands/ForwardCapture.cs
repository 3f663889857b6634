using Lens.Engine.Hooks;
using Lens.Engine.Inference;

namespace Lens.Cli.Commands;

/// <summary>What one forward pass produced, for the field writers.</summary>
public sealed record ForwardCapture(Transformer Model, int[] Ids, float[] Logits, ActivationCache Cache)
{
    public ModelConfig Config => Model.Config;
    public int T => Ids.Length;

    /// <summary>[L][H][T]: a metric of every causal attention row (masked keys are zeros and change no metric).</summary>
    public float[] AttentionRowMetric(Func<ReadOnlySpan<float>, float> metric)
    {
        var c = Config;
        var result = new float[c.Layers * c.Heads * T];
        for (var l = 0; l < c.Layers; l++)
        {
            var pattern = Cache[HookNames.Pattern(l)];
            for (var row = 0; row < c.Heads * T; row++)
                result[l * c.Heads * T + row] = metric(pattern.AsSpan(row * T, row % T + 1));
        }
        return result;
    }

    /// <summary>[L][H][T] L2 norm of each head's pre-rotary query.</summary>
    public float[] QueryNorms()
    {
        var c = Config;
        var result = new float[c.Layers * c.Heads * T];
        for (var l = 0; l < c.Layers; l++)
        {
            var q = Cache[HookNames.Query(l)];
            for (var h = 0; h < c.Heads; h++)
                for (var p = 0; p < T; p++)
                    result[(l * c.Heads + h) * T + p] = System.Numerics.Tensors.TensorPrimitives.Norm(q.AsSpan((p * c.Heads + h) * c.HeadDim, c.HeadDim));
        }
        return result;
    }
}
