using System.Diagnostics;

namespace Lens.Tests.Azurite;

/// <summary>
/// Finds the Azurite executable: <c>AZURITE_BIN</c>, else <c>.tools/node_modules/.bin/azurite</c> next to Cluster.sln,
/// installing it there from npm on first use so that <c>dotnet test Cluster.sln</c> works on a fresh machine.
/// </summary>
public static class AzuriteLocator
{
    /// <summary>The version .ci/run and this locator install.</summary>
    public const string Version = "3.37.0";

    private static readonly SemaphoreSlim InstallGate = new(1, 1);

    /// <summary>The executable's path, installing Azurite with npm when it is missing.</summary>
    /// <exception cref="FileNotFoundException">AZURITE_BIN names a missing file, or npm could not install Azurite.</exception>
    public static async Task<string> FindAsync()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("AZURITE_BIN");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return File.Exists(fromEnvironment)
                ? fromEnvironment
                : throw new FileNotFoundException($"AZURITE_BIN points at '{fromEnvironment}', which does not exist.");
        }

        var tools = Path.Combine(TestPaths.RepoRoot, ".tools");
        var path = Path.Combine(tools, "node_modules", ".bin", "azurite");
        if (File.Exists(path)) return path;
        await InstallGate.WaitAsync();
        try
        {
            if (!File.Exists(path)) await InstallAsync(tools);
        }
        finally
        {
            InstallGate.Release();
        }
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"Azurite not found at '{path}' after `npm install --prefix .tools azurite@{Version}`; install it by hand or set AZURITE_BIN.");
    }

    private static async Task InstallAsync(string tools)
    {
        var info = new ProcessStartInfo("npm")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "install", "--prefix", tools, "--no-audit", "--no-fund", "--loglevel=error", $"azurite@{Version}" })
            info.ArgumentList.Add(argument);
        Process process;
        try { process = Process.Start(info) ?? throw new InvalidOperationException("npm did not start"); }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new FileNotFoundException($"Azurite is not installed and npm is not on PATH to install it ({e.Message}); run `npm install --prefix .tools azurite@{Version}` or set AZURITE_BIN.");
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
                throw new FileNotFoundException($"`npm install --prefix {tools} azurite@{Version}` failed with exit code {process.ExitCode}:\n{await output}\n{await error}");
        }
    }
}
