using Lens.Engine.Hooks;
using Lens.Engine.Inference;

namespace Lens.Grains.Models.Serving;

/// <summary>One input of a batched step: a session and the ids to append to it (a prompt, or one decoded token).</summary>
public readonly record struct SessionStep(InferenceSession Session, int[] Ids);

/// <summary>
/// Appends tokens to several sessions in one step; hooks see sequence i as <see cref="HookContext.Sequence"/> = i.
/// The seam for the engine's batched forward pass.
/// </summary>
public interface IBatchedForward
{
    /// <summary>Logits of each step's last token ([V] each, <see cref="LogitsScope.Last"/>).</summary>
    float[][] Step(Transformer model, IReadOnlyList<SessionStep> steps, IForwardHooks hooks);
}
