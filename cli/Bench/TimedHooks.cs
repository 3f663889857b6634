using System.Diagnostics;
using Lens.Engine.Hooks;

namespace Lens.Cli.Bench;

/// <summary>Times the calls into another hook (what a hook costs the pass, measured where it is spent).</summary>
public sealed class TimedHooks(IForwardHooks inner) : IForwardHooks
{
    private long _ticks;

    public HookPoints Points => inner.Points;
    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(0, _ticks);

    public void OnResidPre(in HookContext context, Span<float> residual)
    {
        var start = Stopwatch.GetTimestamp();
        inner.OnResidPre(context, residual);
        _ticks += Stopwatch.GetTimestamp() - start;
    }

    public void OnResidPost(in HookContext context, int layer, Span<float> residual)
    {
        var start = Stopwatch.GetTimestamp();
        inner.OnResidPost(context, layer, residual);
        _ticks += Stopwatch.GetTimestamp() - start;
    }
}
