using Lens.Runtime.Metrics;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace Lens.Silo;

/// <summary>
/// Exports the silo's meter (<see cref="SiloMetrics.MeterName"/>: calls, errors, latency per method, activations,
/// queue lengths, reminders, storage latency) through OpenTelemetry. OTLP is switched on by the standard
/// OTEL_EXPORTER_OTLP_ENDPOINT variable (and the other OTEL_* settings the exporter reads).
/// </summary>
public static class SiloTelemetry
{
    /// <summary>A meter provider subscribed to the silo meter, with the given exporters.</summary>
    public static MeterProvider Build(Action<MeterProviderBuilder> exporters)
    {
        var builder = Sdk.CreateMeterProviderBuilder().AddMeter(SiloMetrics.MeterName);
        exporters(builder);
        return builder.Build();
    }

    public static IServiceCollection AddLensTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])) return services;
        return services.AddHostedService<OtlpMetricsExport>();
    }

    /// <summary>Owns the OTLP meter provider for the silo's lifetime (flushed on shutdown).</summary>
    private sealed class OtlpMetricsExport : IHostedService
    {
        private MeterProvider? _provider;

        public Task StartAsync(CancellationToken cancellationToken)
        {
            _provider = Build(b => b.AddOtlpExporter());
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            _provider?.ForceFlush(5000);
            _provider?.Dispose();
            return Task.CompletedTask;
        }
    }
}
