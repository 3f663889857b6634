using Lens.Cli;
using Lens.Cli.CommandLine;
using Lens.Hub.Tests.Models;
using Lens.Tests;

namespace Lens.Hub.Tests;

/// <summary>`lens ... --model org/name[@revision]` downloads through the environment's hub settings and shows it.</summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class CliTests : HubTestBase
{
    private sealed record CliRun(int Exit, string Stdout, string Stderr);

    private static CliRun Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var previous = Console.Error;
        Console.SetError(stderr); // download progress goes to the process's stderr
        try { return new CliRun(LensCli.Run(args, stdout, stderr), stdout.ToString(), stderr.ToString()); }
        finally { Console.SetError(previous); }
    }

    private EnvironmentScope HubEnvironment() => new(
        ("HF_ENDPOINT", Hub.Endpoint.AbsoluteUri), ("HF_HUB_CACHE", Cache), ("HF_HOME", TestPaths.TempFolder("hf-home")),
        ("HF_TOKEN", null), ("HF_HUB_OFFLINE", null), ("TRANSFORMERS_OFFLINE", null));

    [Fact]
    public void ModelTakesAHubIdDownloadsItWithProgressAndGivesTheLocalFoldersResult()
    {
        Hub.AddRepo("karpathy/stories260k").Commit(TestModels.Stories260K());
        var local = Run("forward", "--model", TestPaths.Stories260KHf, "--ids", "1,403,407", "--threads", "1");
        Assert.Equal(0, local.Exit);

        using (HubEnvironment())
        {
            var hub = Run("forward", "--model", "karpathy/stories260k@main", "--ids", "1,403,407", "--threads", "1");

            Assert.True(hub.Exit == 0, hub.Stderr);
            Assert.Equal(local.Stdout, hub.Stdout);
            Assert.Contains("hub: karpathy/stories260k model.safetensors 1.2 MB", hub.Stderr);
            Assert.Contains("hub: model.safetensors done (", hub.Stderr);
            Assert.True(Directory.Exists(RepoFolder("karpathy/stories260k")));

            var again = Run("forward", "--model", "karpathy/stories260k", "--ids", "1,403,407", "--threads", "1");
            Assert.Equal(local.Stdout, again.Stdout);
            Assert.Equal("", again.Stderr); // nothing left to download
        }
    }

    [Fact]
    public void AnUnknownHubModelIsAOneLineError()
    {
        using (HubEnvironment())
        {
            var run = Run("forward", "--model", "nobody/nothing", "--ids", "1");

            Assert.Equal(1, run.Exit);
            Assert.StartsWith($"error: model 'nobody/nothing' on {Hub.Endpoint.AbsoluteUri.TrimEnd('/')} not found (401)", run.Stderr);
        }
    }

    [Fact]
    public void AMistypedOptionIsReportedBeforeAnyDownload()
    {
        Hub.AddRepo("karpathy/stories260k").Commit(TestModels.Stories260K());
        using (HubEnvironment())
        {
            var run = Run("forward", "--model", "karpathy/stories260k", "--ids", "1", "--thraeds", "1");

            Assert.Equal(2, run.Exit);
            Assert.Contains("unknown option: --thraeds", run.Stderr);
            Assert.Empty(Hub.Requests);
        }
    }

    [Fact]
    public void AnExistingLocalFolderShapedLikeAHubIdStaysLocal()
    {
        var root = TestPaths.TempFolder("id-shaped");
        Directory.CreateDirectory(Path.Combine(root, "org", "name"));
        var previous = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(root);
        try
        {
            Assert.False(HubClient.IsHubId("org/name"));
            Assert.Equal("org/name", ModelLocation.Resolve("org/name", TextWriter.Null));
        }
        finally { Directory.SetCurrentDirectory(previous); }
    }
}
