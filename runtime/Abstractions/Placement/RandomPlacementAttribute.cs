namespace Lens.Runtime;

/// <summary>Place new activations on a random compatible silo (the default).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RandomPlacementAttribute : Attribute;
