namespace Lens.Hub;

/// <summary>The model the system starts with when none is configured.</summary>
public static class DefaultModel
{
    /// <summary>
    /// A small Llama-family chat model (135M parameters, ~270 MB of bfloat16 safetensors, with tokenizer.json and a
    /// chat template) that the engine runs on a CPU.
    /// </summary>
    public const string HubId = "HuggingFaceTB/SmolLM2-135M-Instruct";

    /// <summary>The folder of the tiny pretrained stories260K model in the project's shared material.</summary>
    public static readonly string SharedFolder = Path.Combine("shared", "models", "stories260K-hf");

    /// <summary>
    /// <c>shared/models/stories260K-hf</c> in <paramref name="searchFrom"/> or the nearest folder above it that has one
    /// (the project keeps <c>shared/</c> beside its checkout), else <see cref="HubId"/> to download.
    /// </summary>
    public static string Location(string searchFrom)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(searchFrom)); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, SharedFolder);
            if (File.Exists(Path.Combine(candidate, "config.json"))) return candidate;
        }
        return HubId;
    }
}
