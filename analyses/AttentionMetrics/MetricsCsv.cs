using System.Globalization;
using System.Text;

namespace Lens.Analyses;

/// <summary>The CSV form of attention metrics: one row per (sample, layer, head, position).</summary>
public static class MetricsCsv
{
    public const string Header = "sample,layer,head,position,q_norm,attn_entropy,attn_max,k_eff\n";

    /// <summary>Appends a sample's rows; floats in shortest round-trip form so reruns write identical bytes.</summary>
    public static void Append(StringBuilder sb, int sample, SampleMetrics m)
    {
        var inv = CultureInfo.InvariantCulture;
        for (var l = 0; l < m.Layers; l++)
            for (var h = 0; h < m.Heads; h++)
                for (var t = 0; t < m.Positions; t++)
                {
                    var i = m.Index(l, h, t);
                    // The interpolation handler formats into the builder directly: no string per value.
                    sb.Append(inv, $"{sample},{l},{h},{t},{m.QueryNorm[i]:R},{m.Entropy[i]:R},{m.Max[i]:R},{m.KEff[i]}\n");
                }
    }
}
