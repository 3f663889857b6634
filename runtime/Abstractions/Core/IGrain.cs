namespace Lens.Runtime;

/// <summary>Marker for grain interfaces. Use one of the keyed sub-interfaces.</summary>
public interface IGrain;
