namespace Lens.Runtime.Azure.Tests.Azurite;

/// <summary>Finds the Azurite executable: <c>AZURITE_BIN</c>, else <c>.tools/node_modules/.bin/azurite</c> next to Cluster.sln.</summary>
public static class AzuriteLocator
{
    /// <summary>The executable's path.</summary>
    /// <exception cref="FileNotFoundException">Azurite is not installed where the CI script puts it.</exception>
    public static string Find()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("AZURITE_BIN");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return File.Exists(fromEnvironment)
                ? fromEnvironment
                : throw new FileNotFoundException($"AZURITE_BIN points at '{fromEnvironment}', which does not exist.");
        }

        var root = RepositoryRoot();
        var path = Path.Combine(root, ".tools", "node_modules", ".bin", "azurite");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException(
                $"Azurite not found at '{path}'. Install it from the repository root with `npm install --prefix .tools azurite@3.37.0` (what .ci/run does) or set AZURITE_BIN.");
    }

    /// <summary>The folder holding Cluster.sln, walking up from the test binaries.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Cluster.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException($"No Cluster.sln above '{AppContext.BaseDirectory}'.");
    }
}
