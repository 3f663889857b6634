namespace Lens.Analyses.Tests;

/// <summary>Where test data lives: golden fixtures linked next to the tests, and ../shared beside the repository.</summary>
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

    public static string Stories260K
    {
        get
        {
            var path = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "models", "stories260K-hf"));
            return Directory.Exists(path) ? path : throw new DirectoryNotFoundException($"stories260K not found at {path}: these tests need ../shared beside the repository");
        }
    }

    private static readonly Lazy<string> TempRoot = new(() =>
    {
        var parent = Path.Combine(Path.GetTempPath(), "lens-analyses-tests");
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
