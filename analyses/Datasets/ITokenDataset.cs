namespace Lens.Analyses;

/// <summary>A lazily read sequence of token-id samples, numbered 0.. in a stable order (resuming relies on it).</summary>
public interface ITokenDataset
{
    IEnumerable<TokenSample> Samples();
}
