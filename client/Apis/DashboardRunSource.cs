namespace Lens.Client.Apis;

/// <summary>A research run as the dashboard lists it.</summary>
public sealed record DashboardRun(string Id, string Kind, string Status, long Done, long Total);

/// <summary>Where the dashboard finds a user's research runs; registered in DI by the research routes (none: no runs listed).</summary>
public interface IDashboardRunSource
{
    Task<IReadOnlyList<DashboardRun>> Runs(string user);
}
