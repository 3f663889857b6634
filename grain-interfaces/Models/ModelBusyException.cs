namespace Lens.GrainInterfaces.Models;

/// <summary>The model's queue is full (back-pressure): the caller should retry after <see cref="RetryAfterSeconds"/>.</summary>
[GenerateSerializer]
public sealed class ModelBusyException : Exception
{
    /// <summary>Creates the exception for <paramref name="model"/>.</summary>
    public ModelBusyException(string model, int queued, int retryAfterSeconds)
        : base($"model '{model}' is busy: {queued} requests are queued or running; retry after {retryAfterSeconds} s")
    {
        Model = model;
        RetryAfterSeconds = retryAfterSeconds;
    }

    /// <summary>The busy model.</summary>
    [Id(0)] public string Model { get; }

    /// <summary>Seconds after which a retry is likely to be admitted.</summary>
    [Id(1)] public int RetryAfterSeconds { get; }
}
