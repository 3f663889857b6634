namespace Lens.Runtime.Scheduling;

/// <summary>The activation was deactivated before the queued call ran; the call did not run and is routed again.</summary>
internal sealed class ActivationRejectedException(GrainId grainId) : Exception($"Activation of {grainId} went away before the call ran.");
