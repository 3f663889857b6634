using Lens.Engine.Hooks;

namespace Lens.Engine.Inference;

/// <summary>
/// One caller's append waiting in a <see cref="ContinuousBatcher"/>: its tokens, how many have run (a long prompt runs
/// in chunks), and the session length to return to if it fails or is cancelled part-way.
/// </summary>
internal sealed class PendingAppend(InferenceSession session, int[] tokens, IForwardHooks? hooks, CancellationToken cancellation)
{
    public InferenceSession Session { get; } = session;
    public int[] Tokens { get; } = tokens;
    public IForwardHooks? Hooks { get; } = hooks;
    public CancellationToken Cancellation { get; } = cancellation;
    /// <summary>Session length when the append first ran (earlier appends to the session may still be waiting when it is made).</summary>
    public int StartLength { get; set; }
    public int Done { get; set; }
    public int Remaining => Tokens.Length - Done;
    public TaskCompletionSource<float[]> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Ends the append unsuccessfully, rewinding a partly prefilled prompt so the session is as it was.</summary>
    public void Fail(Exception error)
    {
        if (Done > 0) Session.Cache.Truncate(StartLength);
        if (error is OperationCanceledException) Completion.TrySetCanceled(Cancellation);
        else Completion.TrySetException(error);
    }
}
