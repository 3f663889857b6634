using Lens.Grains.Models;
using Lens.Grains.Research;
using Microsoft.Extensions.Options;

namespace Lens.Silo.Hosting;

/// <summary>
/// The operator's knobs for model serving and research runs: configuration sections <c>Lens:Serving</c>
/// (<see cref="ModelServingOptions"/>: batch, queues, threads, memory bounds) and <c>Lens:Research</c>
/// (<see cref="ResearchOptions"/>), e.g. <c>Lens__Serving__SessionMemoryBytes=134217728</c> in the environment.
/// Values that cannot work are refused when the silo starts, naming the setting (the research ones by the rules
/// <see cref="ResearchSiloExtensions.AddLensResearch"/> registers).
/// </summary>
public static class ServingLimits
{
    public const string ServingSection = "Lens:Serving";
    public const string ResearchSection = "Lens:Research";

    public static IHostApplicationBuilder AddServingLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ModelServingOptions>().Bind(builder.Configuration.GetSection(ServingSection))
            .Validate(o => o.MaxBatch >= 1, Setting(ServingSection, nameof(ModelServingOptions.MaxBatch), "at least 1"))
            .Validate(o => o.MaxQueue >= 1, Setting(ServingSection, nameof(ModelServingOptions.MaxQueue), "at least 1"))
            .Validate(o => o.MaxQueuePerUser >= 1, Setting(ServingSection, nameof(ModelServingOptions.MaxQueuePerUser), "at least 1"))
            .Validate(o => o.Replicas >= 1, Setting(ServingSection, nameof(ModelServingOptions.Replicas), "at least 1"))
            .Validate(o => o.MaxConcurrentInspections >= 1, Setting(ServingSection, nameof(ModelServingOptions.MaxConcurrentInspections), "at least 1"))
            .Validate(o => o.MaxQueuedInspections >= 0, Setting(ServingSection, nameof(ModelServingOptions.MaxQueuedInspections), "0 or more"))
            .Validate(o => o.Threads >= 0, Setting(ServingSection, nameof(ModelServingOptions.Threads), "0 (one per core) or more"))
            .Validate(o => o.SessionCapacity >= 0 && o.SessionMemoryBytes >= 0 && o.ActivationMemoryBytes >= 0 && o.AttentionMemoryBytes >= 0
                    && o.AttentionTableBytes >= 0 && o.LensMemoBytes >= 0,
                $"{ServingSection}: SessionCapacity and every *Bytes bound must be 0 or more")
            .ValidateOnStart();
        // The research rules are AddLensResearch's own; checking them at start is what this adds.
        builder.Services.AddOptions<ResearchOptions>().Bind(builder.Configuration.GetSection(ResearchSection)).ValidateOnStart();
        return builder;
    }

    private static string Setting(string section, string name, string rule) => $"{section}:{name} must be {rule}";
}
