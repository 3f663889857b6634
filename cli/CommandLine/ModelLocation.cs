using Lens.Hub;

namespace Lens.Cli.CommandLine;

/// <summary>What --model names: a local folder or .bin file as given, or a hub id <c>org/name[@revision]</c> resolved to its snapshot in the hub cache (downloaded when missing).</summary>
public static class ModelLocation
{
    public static string Resolve(string model, TextWriter stderr) =>
        HubClient.IsHubId(model)
            ? new HubClient().ResolveAsync(model, new HubDownloadProgress(stderr)).GetAwaiter().GetResult()
            : model;
}
