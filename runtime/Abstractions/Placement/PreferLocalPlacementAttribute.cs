namespace Lens.Runtime;

/// <summary>Place new activations on the calling silo when it is compatible (default is random).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class PreferLocalPlacementAttribute : Attribute;
