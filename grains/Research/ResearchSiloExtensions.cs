using Lens.Grains.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Hosting;

namespace Lens.Grains.Research;

/// <summary>Wires research runs into a silo.</summary>
public static class ResearchSiloExtensions
{
    /// <summary>
    /// Adds what research run grains need on this silo: the <see cref="LoadedModels"/> over the host's
    /// <c>IReadOnlyList&lt;ModelSource&gt;</c> (shared with chat serving, threads per <see cref="ModelServingOptions.Threads"/>),
    /// dataset lookup, run slots, and a minimum reminder period no longer than <see cref="ResearchOptions.ResumeCheckPeriod"/>.
    /// The silo also needs reminders, grain storage and a log-consistency provider (AddLensFileStorage or AddLensAzureStorage).
    /// </summary>
    public static ISiloBuilder AddLensResearch(this ISiloBuilder silo, Action<ResearchOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var options = silo.Services.AddOptions<ResearchOptions>();
        if (configure is not null) options.Configure(configure);
        options.Validate(o => o.MaxConcurrentRuns >= 1, "ResearchOptions.MaxConcurrentRuns must be at least 1");
        options.Validate(o => o.ResumeCheckPeriod > TimeSpan.Zero, "ResearchOptions.ResumeCheckPeriod must be positive");
        silo.Services.AddLensLoadedModels(); // shared with chat serving when the silo has both
        silo.Services.AddSingleton<ResearchDatasets>();
        silo.Services.AddSingleton<ResearchRunSlots>();
        silo.Services.AddOptions<ReminderOptions>().PostConfigure<IOptions<ResearchOptions>>((reminders, research) =>
        {
            if (reminders.MinimumReminderPeriod > research.Value.ResumeCheckPeriod) reminders.MinimumReminderPeriod = research.Value.ResumeCheckPeriod;
        });
        return silo;
    }
}
