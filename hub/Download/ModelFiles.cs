using Lens.Hub.Cache;

namespace Lens.Hub.Download;

/// <summary>
/// The files of a repository the engine and tokenizer read, and nothing else (no README, no PyTorch or ONNX copies of
/// the weights, no sub-folders). Weights follow the engine's choice: model.safetensors, else the index and its shards.
/// </summary>
internal static class ModelFiles
{
    private static readonly string[] Support =
    [
        ModelSnapshot.Config, "generation_config.json", "tokenizer.json", "tokenizer_config.json",
        "special_tokens_map.json", "tokenizer.model", "chat_template.jinja",
    ];

    /// <summary>The files to fetch first: config, tokenizer files, and model.safetensors or the index (whose shards come next).</summary>
    /// <exception cref="HubException">No config.json, or no safetensors weights at the repository's root.</exception>
    public static IReadOnlyList<string> Initial(HubModelId id, IReadOnlyList<string> repoFiles)
    {
        var root = repoFiles.Where(f => !f.Contains('/')).ToHashSet(StringComparer.Ordinal);
        if (!root.Contains(ModelSnapshot.Config))
            throw new HubException(HubError.NotAModel, $"'{id}' has no config.json at its root: it is not a transformers model ({Listing(repoFiles)})");
        var weights = root.Contains(ModelSnapshot.SingleWeights) ? ModelSnapshot.SingleWeights
            : root.Contains(ModelSnapshot.WeightsIndex) ? ModelSnapshot.WeightsIndex
            : throw new HubException(HubError.NotAModel, $"'{id}' has no model.safetensors or model.safetensors.index.json at its root; the engine reads safetensors weights only ({Listing(repoFiles)})");
        return [.. Support.Where(root.Contains), weights];
    }

    /// <summary>The shards a downloaded index names; each must be a file of the repository.</summary>
    public static IReadOnlyList<string> Shards(HubModelId id, string indexPath, IReadOnlyList<string> repoFiles)
    {
        var shards = SafetensorsIndex.ReadShards(indexPath);
        var missing = shards.Where(s => !repoFiles.Contains(s, StringComparer.Ordinal)).ToList();
        return missing.Count == 0 ? shards
            : throw new HubException(HubError.NotAModel, $"'{id}': model.safetensors.index.json names shards the repository does not hold: {string.Join(", ", missing)}");
    }

    private static string Listing(IReadOnlyList<string> files) =>
        files.Count == 0 ? "it holds no files" : "files: " + string.Join(", ", files.Take(12)) + (files.Count > 12 ? $", … ({files.Count} in all)" : "");
}
