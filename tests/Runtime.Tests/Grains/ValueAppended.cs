namespace Lens.Runtime.Tests.Grains;

/// <summary>The one event of the journal test grain.</summary>
public sealed record ValueAppended(long Value);
