namespace Lens.Analyses;

/// <summary>Which tokens of each prompt contribute residual rows.</summary>
public enum ResidualPositions
{
    /// <summary>The last token only (where the next token is decided), one row per prompt.</summary>
    Last,
    /// <summary>Every token.</summary>
    All,
}
