namespace Lens.Runtime;

/// <summary>
/// Marks a grain interface method that may run at any time, even during another call's turn
/// (e.g. status probes). The method must be safe for that.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AlwaysInterleaveAttribute : Attribute;
