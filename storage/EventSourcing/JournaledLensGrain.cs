using Lens.Storage.Journals;
using Microsoft.Extensions.DependencyInjection;
using Orleans.EventSourcing;
using Orleans.EventSourcing.CustomStorage;
using Orleans.Providers;
using Orleans.Serialization;

namespace Lens.Storage.EventSourcing;

/// <summary>
/// A journaled grain whose events go to the silo's <see cref="IEventJournal"/> through Orleans' CustomStorage
/// log-consistency provider: each confirmation appends one batch (never rewrites the log), activation reads the latest
/// snapshot plus the events after it, and a snapshot is written every <see cref="SnapshotInterval"/> events.
/// </summary>
/// <remarks>
/// <para>Events and snapshots are serialized with Orleans' own serializer: grain events and states are already
/// <c>[GenerateSerializer]</c> types (they cross grain calls), it is version tolerant through their <c>[Id]</c>s, and
/// it handles an event hierarchy under <typeparamref name="TEvent"/>. The bytes are not meant for other readers.</para>
/// <para>A lost append answer: the provider treats the exception like a refusal, re-reads the state and resubmits its
/// pending events at the version it read. If the lost batch did land, re-reading it would apply it to the state and the
/// resubmission would then store it twice. So while an append's outcome is unknown, a read leaves that batch's events
/// out when they end the stream; the provider resubmits at the version before them, and the journal, finding those
/// event ids right there, acknowledges without storing them again.</para>
/// <para>The provider retries a failed append until it succeeds, so an append the journal can never take (a batch over its
/// size limit: 4 MiB on Azure) blocks the grain's confirmations; keep the events of one confirmation well under it.
/// Storage trouble is reported to <see cref="JournaledGrain{TState,TEvent}.OnConnectionIssue"/>.</para>
/// </remarks>
/// <typeparam name="TState">The grain's state: built by applying events (<see cref="JournaledGrain{TState,TEvent}.TransitionState"/>).</typeparam>
/// <typeparam name="TEvent">The events' base type; each carries a unique id.</typeparam>
[LogConsistencyProvider(ProviderName = StorageNames.Lens)]
public abstract class JournaledLensGrain<TState, TEvent> : JournaledGrain<TState, TEvent>, ICustomStorageInterface<TState, TEvent>
    where TState : class, new()
    where TEvent : class, IJournalEvent
{
    private IEventJournal? _journal;
    private Serializer? _serializer;
    private IReadOnlyList<Guid>? _inDoubt;
    private long _snapshotVersion;

    /// <summary>Events between snapshots (100 by default); 0 or less writes none.</summary>
    protected virtual int SnapshotInterval => 100;

    /// <summary>The journal stream holding this grain's events: its grain id by default.</summary>
    protected virtual string JournalStream => this.GetGrainId().ToString();

    private IEventJournal Journal => _journal ??= ServiceProvider.GetService<IEventJournal>()
        ?? throw new InvalidOperationException($"{GetType().Name} needs an {nameof(IEventJournal)}: call AddLensFileStorage or AddLensAzureStorage on the silo builder.");

    private Serializer Serializer => _serializer ??= ServiceProvider.GetRequiredService<Serializer>();

    /// <inheritdoc />
    async Task<KeyValuePair<int, TState>> ICustomStorageInterface<TState, TEvent>.ReadStateFromStorage()
    {
        var read = await Journal.ReadAsync(JournalStream);
        var state = read.Snapshot is { } snapshot ? Decode<TState>(snapshot.State, $"the snapshot at version {snapshot.Version}") : new TState();
        _snapshotVersion = read.Snapshot?.Version ?? 0;
        var applied = read.Events.Count - InDoubtEventsAtEnd(read.Events);
        for (var i = 0; i < applied; i++) TransitionState(state, Decode<TEvent>(read.Events[i].Payload, $"event {read.Events[i].Version}"));
        return new KeyValuePair<int, TState>(checked((int)(_snapshotVersion + applied)), state);
    }

    /// <inheritdoc />
    async Task<bool> ICustomStorageInterface<TState, TEvent>.ApplyUpdatesToStorage(IReadOnlyList<TEvent> updates, int expectedVersion)
    {
        await SnapshotIfDueAsync(expectedVersion);
        var batch = updates.Select(e => new JournalRecord(e.EventId, Serializer.SerializeToArray(e))).ToList();
        // Pending events are resubmitted in order with new ones after them, so this list starts with any earlier one.
        _inDoubt = batch.Select(r => r.EventId).ToList();
        try
        {
            await Journal.AppendAsync(JournalStream, expectedVersion, batch);
        }
        catch (JournalConflictException)
        {
            _inDoubt = null; // other events hold that version, so this batch is not stored there
            return false;
        }
        _inDoubt = null;
        return true;
    }

    /// <inheritdoc />
    Task ICustomStorageInterface<TState, TEvent>.ClearStoredState() =>
        throw new NotSupportedException($"{GetType().Name}: a Lens journal is append-only; its events cannot be cleared.");

    private T Decode<T>(ReadOnlyMemory<byte> bytes, string what) where T : class =>
        Serializer.Deserialize<T>(bytes) ?? throw new InvalidDataException($"Journal stream '{JournalStream}': {what} deserialized to null.");

    // How many events at the end of the stream belong to the append of unknown outcome (0 when none do).
    private int InDoubtEventsAtEnd(IReadOnlyList<JournalEntry> events)
    {
        if (_inDoubt is not { } ids) return 0;
        for (var count = Math.Min(ids.Count, events.Count); count > 0; count--)
        {
            var start = events.Count - count;
            var matches = true;
            for (var i = 0; i < count && matches; i++) matches = events[start + i].EventId == ids[i];
            if (matches) return count;
        }
        return 0;
    }

    // The confirmed state is at expectedVersion here, a batch boundary: a snapshot of it lets activations skip those events.
    private async Task SnapshotIfDueAsync(int expectedVersion)
    {
        if (SnapshotInterval <= 0 || expectedVersion - _snapshotVersion < SnapshotInterval) return;
        try
        {
            await Journal.WriteSnapshotAsync(JournalStream, expectedVersion, Serializer.SerializeToArray(State));
            _snapshotVersion = expectedVersion;
        }
        catch (JournalUnavailableException)
        {
            // A snapshot only saves reading; the append that follows reports the outage.
        }
    }
}
