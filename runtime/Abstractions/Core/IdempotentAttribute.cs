namespace Lens.Runtime;

/// <summary>
/// Marks a grain interface method that can safely run twice: the runtime retries it after transport
/// failures whose outcome is unknown. Other methods (except <see cref="ReadOnlyAttribute"/> ones) are
/// retried only when they certainly did not reach a silo; otherwise the caller gets a clear error.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class IdempotentAttribute : Attribute;
