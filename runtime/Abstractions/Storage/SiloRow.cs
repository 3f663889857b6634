namespace Lens.Runtime.Storage;

/// <summary>One silo incarnation in the membership table.</summary>
/// <param name="SiloId">Unique per process start (a restarted silo gets a new id), e.g. <c>127.0.0.1:5000@638...</c>.</param>
/// <param name="Address">Base URI of the silo's HTTP/2 endpoint, e.g. <c>http://127.0.0.1:5000/</c>.</param>
/// <param name="Status">Lifecycle status.</param>
/// <param name="HeartbeatTime">Last time the silo proved it is alive (UTC).</param>
/// <param name="StartTime">When the silo started (UTC).</param>
/// <param name="Capabilities">What the silo offers to capability-pinned placement, e.g. <c>model:stories260K</c>, <c>gpu</c>.</param>
/// <param name="Suspicions">Votes of peers that saw this silo miss heartbeats.</param>
public sealed record SiloRow(
    string SiloId,
    string Address,
    SiloStatus Status,
    DateTimeOffset HeartbeatTime,
    DateTimeOffset StartTime,
    IReadOnlyList<string> Capabilities,
    IReadOnlyList<SuspicionVote> Suspicions);
