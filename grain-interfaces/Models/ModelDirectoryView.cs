namespace Lens.GrainInterfaces.Models;

/// <summary>The cluster as the product sees it: active silos and the latest report of each silo that holds models.</summary>
[GenerateSerializer, Immutable]
public sealed record ModelDirectoryView(
    [property: Id(0)] string[] ActiveSilos,
    [property: Id(1)] SiloModelReport[] Reports)
{
    /// <summary>Every model some live silo holds, by name, with the silos holding it.</summary>
    public IReadOnlyList<(ModelDescription Model, string[] Silos)> Models() =>
        Reports.SelectMany(r => r.Models.Select(m => (Model: m, r.Silo)))
            .GroupBy(x => x.Model.Name, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.FirstOrDefault(x => x.Model.Loaded).Model ?? g.First().Model, g.Select(x => x.Silo).ToArray()))
            .ToList();

    /// <summary>The activation caches of all reporting silos added up.</summary>
    public CacheStatus Cache() => Reports.Aggregate(CacheStatus.Empty, (sum, r) => sum.Plus(r.Cache));
}
