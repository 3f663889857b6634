using Lens.GrainInterfaces.Models;
using Lens.Hub;

namespace Lens.Grains.Models;

/// <summary>Where a <see cref="ModelSource"/>'s files are on this silo: the chat models and the research runs load from here.</summary>
public static class ModelFiles
{
    /// <summary>
    /// A local folder or .bin file as it is; a hub id (<c>org/name[@revision]</c>) resolved to its snapshot in the hub
    /// cache, downloaded on first use (from the cache alone when offline).
    /// </summary>
    /// <exception cref="ModelUnavailableException">The files are missing, or the hub could not provide them.</exception>
    public static string Locate(ModelSource source, HubClient? hub)
    {
        if (HubClient.IsHubId(source.Location))
        {
            try { return (hub ?? new HubClient()).ResolveAsync(source.Location).GetAwaiter().GetResult(); }
            catch (HubException e) { throw new ModelUnavailableException(source.Name, $"{source.Location} could not be fetched from the hub: {e.Message}"); }
        }
        return File.Exists(source.Location) || Directory.Exists(source.Location)
            ? source.Location
            : throw new ModelUnavailableException(source.Name, $"no model folder or .bin file at {source.Location} on this silo");
    }
}
