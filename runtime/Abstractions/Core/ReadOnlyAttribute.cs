namespace Lens.Runtime;

/// <summary>
/// Marks a grain interface method that does not change state: read-only calls may run concurrently with
/// each other, never with a state-changing call. Being free of effects, they are also retried after
/// in-flight transport failures, like <see cref="IdempotentAttribute"/> methods.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReadOnlyAttribute : Attribute;
