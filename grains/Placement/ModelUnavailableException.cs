namespace Lens.Grains.Placement;

/// <summary>No live silo holds the model a <see cref="ModelPlacementAttribute"/> grain is keyed by.</summary>
[GenerateSerializer]
public sealed class ModelUnavailableException : Exception
{
    /// <summary>Creates the exception for <paramref name="model"/>, listing what the live silos hold.</summary>
    public ModelUnavailableException(string model, IReadOnlyList<string> heldModels, int liveSilos)
        : base(Describe(model, heldModels, liveSilos))
    {
        Model = model;
        HeldModels = [.. heldModels];
    }

    /// <summary>The model asked for.</summary>
    [Id(0)]
    public string Model { get; private set; }

    /// <summary>The models the live silos hold.</summary>
    [Id(1)]
    public string[] HeldModels { get; private set; }

    private static string Describe(string model, IReadOnlyList<string> held, int liveSilos) => liveSilos == 0
        ? $"No silo is alive to hold the model '{model}'."
        : held.Count == 0
            ? $"No live silo holds the model '{model}': the {liveSilos} live silo(s) hold no models (set LENS_MODELS on a silo)."
            : $"No live silo holds the model '{model}'; the {liveSilos} live silo(s) hold: {string.Join(", ", held)}.";
}
