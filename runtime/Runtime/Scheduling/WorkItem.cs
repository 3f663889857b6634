namespace Lens.Runtime.Scheduling;

/// <summary>One turn for an activation: a call or a timer tick.</summary>
/// <param name="Run">The turn; completes when the turn is over (for streams: when the stream ended).</param>
/// <param name="ReadOnly">May run concurrently with other read-only turns.</param>
/// <param name="Reject">Tells the caller the activation went away before running it, so it can be routed again.</param>
/// <param name="Cancellation">The call's deadline/cancellation; a turn whose deadline passed in the queue is rejected unrun.</param>
internal sealed record WorkItem(Func<Task> Run, bool ReadOnly, Action<Exception> Reject, CancellationToken Cancellation);
