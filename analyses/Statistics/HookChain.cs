using Lens.Engine.Hooks;

namespace Lens.Analyses;

/// <summary>Several hooks on one forward pass, called in order (an intervention first, then what observes its effect).</summary>
public sealed class HookChain(params IForwardHooks[] hooks) : IForwardHooks
{
    public HookPoints Points { get; } = hooks.Aggregate(HookPoints.None, (p, h) => p | h.Points);

    public void OnResidPre(in HookContext c, Span<float> r) { foreach (var h in hooks) if (h.Points.HasFlag(HookPoints.ResidPre)) h.OnResidPre(c, r); }
    public void OnResidPost(in HookContext c, int l, Span<float> r) { foreach (var h in hooks) if (h.Points.HasFlag(HookPoints.ResidPost)) h.OnResidPost(c, l, r); }
    public void OnQuery(in HookContext c, int l, ReadOnlySpan<float> x) { foreach (var h in hooks) if (h.Points.HasFlag(HookPoints.Query)) h.OnQuery(c, l, x); }
    public void OnKey(in HookContext c, int l, ReadOnlySpan<float> x) { foreach (var h in hooks) if (h.Points.HasFlag(HookPoints.Key)) h.OnKey(c, l, x); }
    public void OnValue(in HookContext c, int l, ReadOnlySpan<float> x) { foreach (var h in hooks) if (h.Points.HasFlag(HookPoints.Value)) h.OnValue(c, l, x); }
    public void OnPattern(in HookContext c, int l, ReadOnlySpan<float> x) { foreach (var h in hooks) if (h.Points.HasFlag(HookPoints.Pattern)) h.OnPattern(c, l, x); }
}
