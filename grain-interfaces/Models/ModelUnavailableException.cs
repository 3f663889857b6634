namespace Lens.GrainInterfaces.Models;

/// <summary>The model cannot be served here: this silo does not hold it, or its weights failed to load.</summary>
[GenerateSerializer]
public sealed class ModelUnavailableException : Exception
{
    /// <summary>Creates the exception; <paramref name="reason"/> says what is missing.</summary>
    public ModelUnavailableException(string model, string reason) : base($"model '{model}' is unavailable: {reason}") => Model = model;

    /// <summary>The model asked for.</summary>
    [Id(0)] public string Model { get; }
}
