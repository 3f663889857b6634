namespace Lens.Runtime;

/// <summary>Idle time after which activations of the grain class are collected (overrides the silo default).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class CollectionAgeAttribute(double minutes) : Attribute
{
    /// <summary>The idle time.</summary>
    public TimeSpan Age { get; } = TimeSpan.FromMinutes(minutes);
}
