using System.Text.Json.Serialization;

namespace Lens.GrainInterfaces.Research;

/// <summary>Where a research run is. In JSON: <c>queued</c>, <c>running</c>, <c>completed</c>, <c>failed</c>, <c>cancelled</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ResearchRunStatus>))]
public enum ResearchRunStatus
{
    /// <summary>Started, waiting for its silo to load it or for a free run slot there (after a crash: until it resumes).</summary>
    [JsonStringEnumMemberName("queued")] Queued,

    /// <summary>Computing batches.</summary>
    [JsonStringEnumMemberName("running")] Running,

    /// <summary>Every batch done; the results are final.</summary>
    [JsonStringEnumMemberName("completed")] Completed,

    /// <summary>Stopped by an error (see the run's error); the batches done before it are kept.</summary>
    [JsonStringEnumMemberName("failed")] Failed,

    /// <summary>Stopped by its owner; the batches done before it are kept.</summary>
    [JsonStringEnumMemberName("cancelled")] Cancelled,
}
