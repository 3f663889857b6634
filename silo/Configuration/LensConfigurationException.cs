namespace Lens.Silo.Configuration;

/// <summary>A LENS_* setting is missing or malformed; the message names the setting, the value and what is expected.</summary>
public sealed class LensConfigurationException(string message) : Exception(message);
