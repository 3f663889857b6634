using System.Diagnostics;

namespace Lens.Runtime.Metrics;

/// <summary>Times every incoming call (the first filter), so metrics stay out of the invoker.</summary>
internal sealed class CallProfilerFilter(SiloMetrics metrics) : IGrainCallFilter
{
    public async Task Invoke(IGrainCallContext context)
    {
        var start = Stopwatch.GetTimestamp();
        var failed = true;
        try
        {
            await context.Invoke();
            failed = false;
        }
        finally
        {
            metrics.RecordCall(context.GrainId.Type, context.InterfaceMethod.Name, Stopwatch.GetElapsedTime(start).TotalMilliseconds, failed);
        }
    }
}
