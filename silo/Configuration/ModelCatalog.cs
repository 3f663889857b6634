using Lens.Grains.Models;

namespace Lens.Silo.Configuration;

/// <summary>The models a silo holds: LENS_MODELS, or the shared stories260K model when that is unset.</summary>
public static class ModelCatalog
{
    /// <summary>The default model's name.</summary>
    public const string DefaultModelName = "stories260K";

    /// <summary>
    /// Parses <paramref name="setting"/> (LENS_MODELS; an empty value means no models). When it is unset, the default is
    /// <c>stories260K=&lt;repo&gt;/../shared/models/stories260K-hf</c> if that folder exists, the repository being the
    /// first folder holding Cluster.sln above <paramref name="contentRoot"/> or the current directory.
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
        return shared is null ? [] : [new ModelSource(DefaultModelName, shared)];
    }

    private static string? RepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Cluster.sln"))) return dir.FullName;
        return null;
    }
}
