using System.Security.Claims;
using Lens.GrainInterfaces.Models;
using Orleans;

namespace Lens.Client.Apis;

/// <summary><c>GET /api/dashboard/overview</c>: each live silo's models and load, the activation cache, the user's research runs.</summary>
public static class DashboardApi
{
    public sealed record Overview(SiloOverview[] Silos, CacheStatus Cache, IReadOnlyList<DashboardRun> Runs);

    public sealed record SiloOverview(string Address, string Status, ModelOverview[] Models);

    /// <summary>One model on one silo; <see cref="BatchedSteps"/> counts steps that advanced several streams at once.</summary>
    public sealed record ModelOverview(string Name, bool Loaded, int QueueDepth, double TokensPerS, int ActiveStreams, long BatchedSteps);

    public static RouteGroupBuilder MapDashboardApi(this RouteGroupBuilder api)
    {
        api.MapGet("/dashboard/overview", Get).WithName("DashboardOverview");
        return api;
    }

    private static async Task<IResult> Get(ClaimsPrincipal user, IGrainFactory grains, IServiceProvider services)
    {
        var view = await grains.GetGrain<IModelDirectoryGrain>(0).Read();
        var reports = view.Reports.ToDictionary(r => r.Silo, StringComparer.Ordinal);
        var silos = view.ActiveSilos.Select(address =>
        {
            if (!reports.TryGetValue(address, out var report)) return new SiloOverview(address, "active", []);
            var models = report.Models.Select(m => report.Load.FirstOrDefault(l => l.Name == m.Name) is { } load
                ? new ModelOverview(m.Name, true, load.QueueDepth, Math.Round(load.TokensPerSecond, 1), load.ActiveStreams, load.BatchedSteps)
                : new ModelOverview(m.Name, false, 0, 0, 0, 0));
            return new SiloOverview(address, "active", models.ToArray());
        }).ToArray();
        var runs = services.GetService<IDashboardRunSource>() is { } source ? await source.Runs(user.Id()) : [];
        return ApiJson.Ok(new Overview(silos, view.Cache(), runs));
    }
}
