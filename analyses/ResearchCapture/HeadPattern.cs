namespace Lens.Analyses;

/// <summary>What a head mostly attends to over a step's queries (stored as a byte; names in the store's attributes).</summary>
public enum HeadPattern : byte
{
    Broad = 0,
    PreviousToken = 1,
    FirstToken = 2,
    Self = 3,
}
