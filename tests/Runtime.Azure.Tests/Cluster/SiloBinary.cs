using Lens.Runtime.Azure.Tests.Azurite;

namespace Lens.Runtime.Azure.Tests.Cluster;

/// <summary>The silo executable (part 1's <c>silo/</c> project), built next to this test assembly's configuration.</summary>
internal static class SiloBinary
{
    /// <summary>Path of Lens.Silo.dll.</summary>
    /// <exception cref="FileNotFoundException">The silo was not built.</exception>
    public static string Find()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var path = Path.Combine(AzuriteLocator.RepositoryRoot(), "silo", "bin", configuration, "net10.0", "Lens.Silo.dll");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"The silo is not built at '{path}': run `dotnet build silo -c {configuration}`.");
    }
}
