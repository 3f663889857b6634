using Lens.Analyses;
using Lens.Engine.Hooks;

namespace Lens.Grains.Models.Serving;

/// <summary>
/// Hooks of one batched step: one <see cref="ResidualStreamRecorder"/> per sequence (told apart by
/// <see cref="HookContext.Sequence"/>), each holding its sequence's new positions for the activation store.
/// </summary>
internal sealed class ResidualRecorder(ResidualStreamShape shape, int sequences) : IForwardHooks
{
    private readonly ResidualStreamRecorder[] _sequences = [.. Enumerable.Range(0, sequences).Select(_ => new ResidualStreamRecorder(shape))];

    public HookPoints Points => HookPoints.ResidPre | HookPoints.ResidPost;

    public void OnResidPre(in HookContext context, Span<float> residual) => _sequences[context.Sequence].OnResidPre(context, residual);

    public void OnResidPost(in HookContext context, int layer, Span<float> residual) => _sequences[context.Sequence].OnResidPost(context, layer, residual);

    /// <summary>What sequence <paramref name="sequence"/> recorded.</summary>
    public ResidualStreamRecorder Of(int sequence) =>
        _sequences[sequence] is { Positions: > 0 } recorded ? recorded : throw new InvalidOperationException($"sequence {sequence} produced no residuals");
}
