using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Lens.Silo.Telemetry;

/// <summary>
/// Counts and times every grain call a silo serves, per grain type and method, on the <c>Lens.Cluster</c> meter:
/// <c>lens.grain.calls</c> (tagged with the outcome) and <c>lens.grain.call.duration</c> (milliseconds).
/// </summary>
internal sealed class GrainCallMeter : IIncomingGrainCallFilter
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Lens.Cluster";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Calls = Meter.CreateCounter<long>("lens.grain.calls", description: "Grain calls served, by grain type, method and outcome.");
    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("lens.grain.call.duration", unit: "ms", description: "Time to serve a grain call.");

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = "ok";
        try
        {
            await context.Invoke();
        }
        catch
        {
            outcome = "error";
            throw;
        }
        finally
        {
            var grainType = new KeyValuePair<string, object?>("grain_type", context.TargetId.Type.ToString());
            var method = new KeyValuePair<string, object?>("method", context.MethodName);
            Calls.Add(1, grainType, method, new KeyValuePair<string, object?>("outcome", outcome));
            Duration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, grainType, method);
        }
    }
}
