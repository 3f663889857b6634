namespace Lens.Runtime;

/// <summary>
/// Intercepts incoming grain calls on a silo (timing, tracing, fault injection). Register in DI as
/// <see cref="IGrainCallFilter"/>; filters run in registration order and must call
/// <see cref="IGrainCallContext.Invoke"/> to continue.
/// </summary>
public interface IGrainCallFilter
{
    /// <summary>Handles one call.</summary>
    Task Invoke(IGrainCallContext context);
}
