using Lens.Cli.CommandLine;

namespace Lens.Hub.Tests;

public sealed class HubDownloadProgressTests
{
    [Fact]
    public void ShowsStartTenthsAndDonePerFile()
    {
        var stderr = new StringWriter();
        var progress = new HubDownloadProgress(stderr);

        foreach (var done in new long[] { 0, 1_000_000, 2_500_000, 2_600_000, 10_000_000 })
            progress.Report(new HubProgress("org/name", "model.safetensors", done, 10_000_000));
        progress.Report(new HubProgress("org/name", "config.json", 700, 700));

        var lines = stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("hub: org/name model.safetensors 10.0 MB", lines[0]);
        Assert.Equal("hub: model.safetensors 10% (1.0 MB of 10.0 MB)", lines[1]);
        Assert.Equal("hub: model.safetensors 20% (2.5 MB of 10.0 MB)", lines[2]);
        Assert.StartsWith("hub: model.safetensors done (", lines[3]);
        Assert.Equal("hub: org/name config.json 0.0 MB", lines[4]);
        Assert.StartsWith("hub: config.json done (", lines[5]);
        Assert.Equal(6, lines.Length);
    }

    [Fact]
    public void SaysWhereAResumedFileContinues()
    {
        var stderr = new StringWriter();
        new HubDownloadProgress(stderr).Report(new HubProgress("org/name", "model.safetensors", 3_000_000, 10_000_000));

        Assert.Equal("hub: org/name model.safetensors 10.0 MB, resuming at 3.0 MB", stderr.ToString().Trim());
    }
}
