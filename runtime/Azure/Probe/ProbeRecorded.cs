namespace Lens.Runtime.Azure.Probe;

/// <summary>The probe's one event.</summary>
/// <param name="Value">The recorded value.</param>
public sealed record ProbeRecorded(long Value);
