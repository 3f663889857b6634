namespace Lens.Engine.Tests;

/// <summary>Where test data lives: fixtures copied next to the tests, and ../shared beside the repository.</summary>
public static class TestPaths
{
    public static string Fixtures => Path.Combine(AppContext.BaseDirectory, "Fixtures", "models");

    public static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Cluster.sln"))) return dir.FullName;
            throw new InvalidOperationException($"no Cluster.sln above {AppContext.BaseDirectory}");
        }
    }

    /// <summary>A path under ../shared; fails with a clear message when the shared material is absent.</summary>
    public static string Shared(params string[] parts)
    {
        var path = Path.GetFullPath(Path.Combine([RepoRoot, "..", "shared", .. parts]));
        if (!File.Exists(path) && !Directory.Exists(path))
            throw new FileNotFoundException($"shared test material not found at {path}: these tests need ../shared beside the repository (stories260K weights, tokenizer files)");
        return path;
    }

    public static string Stories260KHf => Shared("models", "stories260K-hf");
    public static string Stories260KBin => Shared("models", "stories260K-llama2c", "stories260K.bin");
}
