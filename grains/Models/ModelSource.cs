namespace Lens.Grains.Models;

/// <summary>
/// A model a silo holds: the name grains and users call it by, and where its weights are (a local Hugging Face
/// folder, a llama2.c <c>.bin</c>, or a hub id <c>org/name[@revision]</c> downloaded into the hub cache).
/// </summary>
public sealed record ModelSource(string Name, string Location)
{
    /// <summary>
    /// Parses <c>LENS_MODELS</c>: entries separated by <c>;</c>, each <c>name=location</c> (or a bare location, whose
    /// last path segment becomes the name).
    /// </summary>
    /// <exception cref="FormatException">An entry is empty on either side of '=' or two entries share a name.</exception>
    public static IReadOnlyList<ModelSource> ParseList(string? text)
    {
        var models = new List<ModelSource>();
        foreach (var entry in (text ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = entry.IndexOf('=');
            var name = equals < 0 ? DefaultName(entry) : entry[..equals].Trim();
            var location = equals < 0 ? entry : entry[(equals + 1)..].Trim();
            if (name.Length == 0 || location.Length == 0)
                throw new FormatException($"LENS_MODELS entry '{entry}' needs the form name=location (a folder, a .bin file or org/name[@revision])");
            if (models.Any(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase)))
                throw new FormatException($"LENS_MODELS names the model '{name}' twice");
            models.Add(new ModelSource(name, location));
        }
        return models;
    }

    private static string DefaultName(string location)
    {
        var trimmed = location.TrimEnd('/', '\\');
        var at = trimmed.LastIndexOf('@');
        if (at > 0 && !Directory.Exists(trimmed)) trimmed = trimmed[..at];
        var name = Path.GetFileName(trimmed);
        return name.EndsWith(".bin", StringComparison.OrdinalIgnoreCase) ? name[..^4] : name;
    }
}
