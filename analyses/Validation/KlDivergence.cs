namespace Lens.Analyses;

/// <summary>Kullback–Leibler divergence between distributions given as log-probabilities (natural log).</summary>
public static class KlDivergence
{
    /// <summary>KL(P ‖ Q) = Σ p (ln p − ln q), terms with p = 0 contributing 0.</summary>
    public static double Compute(ReadOnlySpan<double> logP, ReadOnlySpan<double> logQ)
    {
        if (logP.Length != logQ.Length) throw new ArgumentException($"distributions over {logP.Length} and {logQ.Length} tokens");
        double kl = 0;
        for (var i = 0; i < logP.Length; i++)
        {
            var p = Math.Exp(logP[i]);
            if (p > 0) kl += p * (logP[i] - logQ[i]);
        }
        return kl;
    }
}
