namespace Lens.Tests;

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

    private static readonly Lazy<string> TempRoot = new(() =>
    {
        var parent = Path.Combine(Path.GetTempPath(), "lens-tests");
        // The test host may be ended without running exit handlers: earlier runs' folders are removed here instead.
        if (Directory.Exists(parent))
            foreach (var old in Directory.GetDirectories(parent))
                if (int.TryParse(Path.GetFileName(old), out var pid) && !IsRunning(pid))
                    try { Directory.Delete(old, recursive: true); } catch (IOException) { }
        var root = Path.Combine(parent, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(root);
        return root;
    });

    private static bool IsRunning(int pid)
    {
        try { using var p = System.Diagnostics.Process.GetProcessById(pid); return !p.HasExited; }
        catch (ArgumentException) { return false; }
    }

    /// <summary>A fresh empty folder under this test run's temp directory (removed by a later run).</summary>
    public static string TempFolder(string name)
    {
        var path = Path.Combine(TempRoot.Value, name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        return path;
    }
}
