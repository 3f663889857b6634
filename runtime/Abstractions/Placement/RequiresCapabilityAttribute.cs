namespace Lens.Runtime;

/// <summary>
/// Capability-pinned placement: the grain class activates only on silos advertising
/// <see cref="Capability"/> (e.g. <c>model:stories260K</c>, <c>gpu</c>). Calls fail with
/// <see cref="GrainCallErrorKind.NoCompatibleSilo"/> when no live silo has it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class RequiresCapabilityAttribute(string capability) : Attribute
{
    /// <summary>The capability string.</summary>
    public string Capability { get; } = capability;
}
