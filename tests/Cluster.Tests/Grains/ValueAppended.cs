using Lens.Storage.Journals;

namespace Lens.Cluster.Tests.Grains;

/// <summary>A ledger's event.</summary>
[GenerateSerializer, Immutable]
public sealed record ValueAppended([property: Id(0)] Guid EventId, [property: Id(1)] long Value) : IJournalEvent;
