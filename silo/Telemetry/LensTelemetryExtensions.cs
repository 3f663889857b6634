using OpenTelemetry.Metrics;

namespace Lens.Silo.Telemetry;

/// <summary>OpenTelemetry metrics over OTLP, switched on by the standard OTEL_EXPORTER_OTLP_ENDPOINT.</summary>
public static class LensTelemetryExtensions
{
    /// <summary>The meters exported: Orleans' own and the project's.</summary>
    public static readonly string[] Meters = ["Microsoft.Orleans*", "Lens.*"];

    /// <summary>
    /// When OTEL_EXPORTER_OTLP_ENDPOINT is set, exports <see cref="Meters"/> to it; the exporter reads the other
    /// OTEL_* settings itself (OTEL_EXPORTER_OTLP_PROTOCOL, OTEL_METRIC_EXPORT_INTERVAL, …). Otherwise adds nothing.
    /// </summary>
    public static IHostApplicationBuilder AddLensTelemetry(this IHostApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])) return builder;
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(Meters).AddOtlpExporter());
        return builder;
    }
}
