using Lens.Engine.Inference;
using Lens.GrainInterfaces.Models;

namespace Lens.Grains.Models;

/// <summary>The shape of a model not loaded yet, read from its config.json (llama2.c files say it only when loaded).</summary>
internal static class ModelConfigs
{
    public static ModelDescription DescribeUnloaded(ModelSource source)
    {
        var config = Path.Combine(source.Location, "config.json");
        if (!File.Exists(config)) return new ModelDescription(source.Name, "", 0, 0, 0, 0, 0, 0, Loaded: false);
        try
        {
            return ServedModel.Describe(source.Name, ConfigReader.Read(config), loaded: false);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or System.Text.Json.JsonException or Lens.Engine.IO.ModelFormatException)
        {
            return new ModelDescription(source.Name, "", 0, 0, 0, 0, 0, 0, Loaded: false);
        }
    }
}
