using System.Diagnostics.Metrics;

namespace Lens.Grains.Research;

/// <summary>
/// Research metrics (meter <c>Lens.Research</c>): <c>lens.research.batch_executions</c> counts every batch a silo
/// starts computing, tagged with the run, the batch and the silo, so redone batches after a crash are visible.
/// </summary>
public static class ResearchTelemetry
{
    public const string MeterName = "Lens.Research";
    public const string BatchExecutionsName = "lens.research.batch_executions";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> BatchExecutions = Meter.CreateCounter<long>(BatchExecutionsName, description: "Batches started, redone ones included");

    internal static void BatchStarted(string run, int batch, string silo) =>
        BatchExecutions.Add(1, new("run", run), new("batch", batch), new("silo", silo));
}
