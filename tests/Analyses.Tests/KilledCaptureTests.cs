using Lens.Tests;
using System.Diagnostics;
using Lens.Cli;

namespace Lens.Analyses.Tests;

/// <summary>An attention-metrics run in a child <c>lens</c> process, killed mid-run, then resumed.</summary>
public sealed class KilledCaptureTests
{
    [Fact]
    public void KilledProcessResumesToTheSameFilesAsAnUninterruptedRun()
    {
        var dir = TestPaths.TempFolder("killed");
        var data = Path.Combine(dir, "data.jsonl");
        var rng = new Random(8);
        File.WriteAllLines(data, Enumerable.Range(0, 150).Select(_ => "{\"ids\": [1, " + string.Join(", ", Enumerable.Range(0, 63).Select(_ => rng.Next(3, 512))) + "]}"));
        string[] Args(string outDir) => ["attention-metrics", "--model", TestPaths.Stories260KHf, "--data", data, "--out", outDir, "--threads", "2"];

        var killed = Path.Combine(dir, "killed");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in (string[])[Path.Combine(AppContext.BaseDirectory, "lens.dll"), .. Args(killed)]) start.ArgumentList.Add(a);
        using (var child = Process.Start(start)!)
        {
            child.ErrorDataReceived += (_, _) => { };
            child.BeginErrorReadLine();
            var binary = Path.Combine(killed, "metrics.amc");
            var clock = Stopwatch.StartNew();
            // Wait for some committed samples, then kill without warning.
            while ((!File.Exists(binary) || new FileInfo(binary).Length < 10 * 20_480) && !child.HasExited && clock.Elapsed < TimeSpan.FromMinutes(2)) Thread.Sleep(20);
            Assert.False(child.HasExited, "the child lens process finished before it could be killed; make the dataset larger");
            child.Kill(entireProcessTree: true);
            child.WaitForExit();
        }
        var committed = MetricsColumnFile.ReadAll(Path.Combine(killed, "metrics.amc")).Count();
        Assert.InRange(committed, 1, 149);

        using var quiet = new StringWriter();
        Assert.Equal(0, LensCli.Run(Args(killed), quiet, quiet));
        var straight = Path.Combine(dir, "straight");
        Assert.Equal(0, LensCli.Run(Args(straight), quiet, quiet));
        foreach (var file in new[] { "metrics.csv", "metrics.amc" })
            Assert.True(File.ReadAllBytes(Path.Combine(straight, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(killed, file))), $"{file} differs after resuming a run killed at {committed} samples");
    }
}
