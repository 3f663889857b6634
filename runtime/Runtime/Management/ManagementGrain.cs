namespace Lens.Runtime.Management;

/// <summary>The built-in <see cref="IManagementGrain"/>.</summary>
internal sealed class ManagementGrain : Grain, IManagementGrain
{
    public async Task<List<Storage.SiloRow>> GetSilos() =>
        (await Context.Storage.Membership.ReadAllAsync()).Entries.Select(e => e.Row).OrderBy(r => r.SiloId, StringComparer.Ordinal).ToList();

    public Task<string> Ping(string text) => Task.FromResult($"{text} (from {Context.SiloId})");
}
