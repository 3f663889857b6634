using Lens.Grains.Models;

namespace Lens.Silo.Configuration;

/// <summary>The models a silo holds: LENS_MODELS, or the shared stories260K model (else a small hub model) when that is unset.</summary>
public static class ModelCatalog
{
    /// <summary>The default model's name.</summary>
    public const string DefaultModelName = "stories260K";

    /// <summary>
    /// Parses <paramref name="setting"/> (LENS_MODELS; an empty value means no models). When it is unset, the default is
    /// <c>stories260K=&lt;repo&gt;/../shared/models/stories260K-hf</c> if that folder exists, the repository being the
    /// first folder holding Cluster.sln above <paramref name="contentRoot"/> or the current directory; else the hub's
    /// <see cref="Lens.Hub.DefaultModel.HubId"/>.
    /// </summary>
    /// <exception cref="LensConfigurationException">LENS_MODELS is malformed.</exception>
    public static IReadOnlyList<ModelSource> Resolve(string? setting, string? contentRoot)
    {
        if (setting is not null)
        {
            try { return ModelSource.ParseList(setting); }
            catch (FormatException e) { throw new LensConfigurationException(e.Message); }
        }
        var shared = new[] { contentRoot, Environment.CurrentDirectory }
            .Where(start => start is not null)
            .Select(start => RepositoryRoot(start!))
            .Where(root => root is not null)
            .Select(root => Path.GetFullPath(Path.Combine(root!, "..", "shared", "models", "stories260K-hf")))
            .FirstOrDefault(Directory.Exists);
        // Without the shared folder (a user's machine), a small chat model from the hub, downloaded on first use.
        return shared is null
            ? [new ModelSource(Lens.Hub.DefaultModel.HubId.Split('/')[^1], Lens.Hub.DefaultModel.HubId)]
            : [new ModelSource(DefaultModelName, shared)];
    }

    private static string? RepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Cluster.sln"))) return dir.FullName;
        return null;
    }
}
