namespace Lens.Hub.Cache;

/// <summary>What makes a snapshot folder usable by the engine without the network.</summary>
internal static class ModelSnapshot
{
    public const string Config = "config.json";
    public const string SingleWeights = "model.safetensors";
    public const string WeightsIndex = "model.safetensors.index.json";

    /// <summary>
    /// config.json and the weights the engine loads (model.safetensors, else every shard the index names). The full
    /// file list is only known online; this is the part without which loading must fail.
    /// </summary>
    public static bool IsComplete(string folder)
    {
        if (!IsPresent(Path.Combine(folder, Config))) return false;
        if (IsPresent(Path.Combine(folder, SingleWeights))) return true;
        var index = Path.Combine(folder, WeightsIndex);
        if (!IsPresent(index)) return false;
        try { return SafetensorsIndex.ReadShards(index).All(shard => IsPresent(Path.Combine(folder, shard))); }
        catch (HubException) { return false; }
    }

    /// <summary>True for a file, or a symlink whose blob exists (a link left without its blob is not present).</summary>
    public static bool IsPresent(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists) return false;
        return info.LinkTarget is null || info.ResolveLinkTarget(returnFinalTarget: true) is { Exists: true };
    }
}
