using System.Runtime.Intrinsics;
using Lens.Engine.Models;

namespace Lens.Engine.Inference;

/// <summary>
/// Rotary position embedding over the first <see cref="ModelConfig.RotaryDim"/> dims of each head:
/// inv_freq[j] = 1 / θ^(2j/rot), optionally rescaled (linear, llama3), angle = position · inv_freq[j].
/// cos/sin rows are computed in double once per position and cached.
/// </summary>
public sealed class RotaryEmbedding
{
    private readonly double[] _inverseFrequency;
    private readonly RotaryStyle _style;
    private readonly int _rotaryDim;
    private float[] _cos = [], _sin = [];
    private int _positions;
    private readonly object _grow = new();

    public RotaryEmbedding(ModelConfig config)
    {
        _style = config.Rotary;
        _rotaryDim = config.RotaryDim;
        var half = _rotaryDim / 2;
        _inverseFrequency = new double[half];
        for (var j = 0; j < half; j++)
            _inverseFrequency[j] = Rescale(1.0 / Math.Pow(config.RopeTheta, 2.0 * j / _rotaryDim), config.RopeScaling);
    }

    private static double Rescale(double f, RopeScaling? s)
    {
        if (s is null) return f;
        if (s.Type == "linear") return f / s.Factor;
        var wavelength = 2 * Math.PI / f;
        var lowWavelength = s.OriginalMaxPositions / s.LowFreqFactor;
        var highWavelength = s.OriginalMaxPositions / s.HighFreqFactor;
        if (wavelength < highWavelength) return f;
        if (wavelength > lowWavelength) return f / s.Factor;
        var smooth = (s.OriginalMaxPositions / wavelength - s.LowFreqFactor) / (s.HighFreqFactor - s.LowFreqFactor);
        return (1 - smooth) * f / s.Factor + smooth * f;
    }

    private void EnsurePositions(int count)
    {
        if (count <= Volatile.Read(ref _positions)) return;
        lock (_grow)
        {
            if (count <= _positions) return;
            var capacity = Math.Max(count, Math.Max(64, _positions * 2));
            var half = _inverseFrequency.Length;
            var cos = new float[capacity * half];
            var sin = new float[capacity * half];
            for (var p = 0; p < capacity; p++)
                for (var j = 0; j < half; j++)
                {
                    var angle = p * _inverseFrequency[j];
                    cos[p * half + j] = (float)Math.Cos(angle);
                    sin[p * half + j] = (float)Math.Sin(angle);
                }
            _cos = cos; _sin = sin;
            Volatile.Write(ref _positions, capacity);
        }
    }

    /// <summary>Rotates <paramref name="heads"/> consecutive head vectors of <paramref name="headDim"/> floats in place.</summary>
    public unsafe void Apply(Span<float> vectors, int heads, int headDim, int position)
    {
        if (_style == RotaryStyle.None || _rotaryDim == 0) return;
        EnsurePositions(position + 1);
        var half = _rotaryDim / 2;
        var cos = _cos.AsSpan(position * half, half);
        var sin = _sin.AsSpan(position * half, half);
        if (_style == RotaryStyle.RotateHalf && half % Vector256<float>.Count == 0 && vectors.Length >= heads * headDim)
        {
            fixed (float* v = vectors, c = cos, s = sin)
                for (var h = 0; h < heads; h++) RotateHalf(v + h * headDim, c, s, half);
            return;
        }
        for (var h = 0; h < heads; h++)
        {
            var v = vectors.Slice(h * headDim, headDim);
            for (var j = 0; j < half; j++)
            {
                int ia, ib;
                if (_style == RotaryStyle.RotateHalf) { ia = j; ib = j + half; } else { ia = 2 * j; ib = 2 * j + 1; }
                float a = v[ia], b = v[ib];
                v[ia] = a * cos[j] - b * sin[j];
                v[ib] = b * cos[j] + a * sin[j];
            }
        }
    }

    /// <summary>The GPT-NeoX pairing (j, j + half), eight pairs per step; same arithmetic as the scalar loop.</summary>
    private static unsafe void RotateHalf(float* v, float* cos, float* sin, int half)
    {
        for (var j = 0; j < half; j += Vector256<float>.Count)
        {
            var a = Vector256.Load(v + j);
            var b = Vector256.Load(v + half + j);
            var c = Vector256.Load(cos + j);
            var s = Vector256.Load(sin + j);
            (a * c - b * s).Store(v + j);
            (b * c + a * s).Store(v + half + j);
        }
    }
}
