namespace Lens.Engine.Tests;

/// <summary>Pearson's chi-square goodness-of-fit test, with the p-value from the regularised upper incomplete gamma.</summary>
public static class ChiSquare
{
    /// <summary>The statistic Σ (observed − expected)² / expected and its p-value with (cells − 1) degrees of freedom.</summary>
    public static (double Statistic, double PValue) Test(IReadOnlyList<long> observed, IReadOnlyList<double> expected)
    {
        double statistic = 0;
        for (var i = 0; i < observed.Count; i++)
        {
            var d = observed[i] - expected[i];
            statistic += d * d / expected[i];
        }
        var freedom = observed.Count - 1;
        return (statistic, UpperRegularisedGamma(freedom / 2.0, statistic / 2.0));
    }

    /// <summary>Q(a, x) = Γ(a, x) / Γ(a): a series below a + 1, a continued fraction (modified Lentz) above.</summary>
    public static double UpperRegularisedGamma(double a, double x)
    {
        if (x <= 0) return 1;
        var logPrefix = -x + a * Math.Log(x) - LogGamma(a);
        if (x < a + 1)
        {
            double term = 1 / a, sum = term;
            for (var n = 1; n < 1000 && Math.Abs(term) > Math.Abs(sum) * 1e-15; n++)
            {
                term *= x / (a + n);
                sum += term;
            }
            return 1 - sum * Math.Exp(logPrefix);
        }
        const double tiny = 1e-300;
        double b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d;
        for (var i = 1; i < 1000; i++)
        {
            var an = -i * (i - a);
            b += 2;
            d = an * d + b; if (Math.Abs(d) < tiny) d = tiny;
            c = b + an / c; if (Math.Abs(c) < tiny) c = tiny;
            d = 1 / d;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < 1e-15) break;
        }
        return Math.Exp(logPrefix) * h;
    }

    /// <summary>ln Γ(x) by the Lanczos approximation (g = 7, 9 terms), accurate to ~1e-15 for x > 0.</summary>
    public static double LogGamma(double x)
    {
        double[] c =
        [
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
        ];
        if (x < 0.5) return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        x -= 1;
        var sum = c[0];
        for (var i = 1; i < 9; i++) sum += c[i] / (x + i);
        var t = x + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }
}
