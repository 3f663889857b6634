using System.Text.Json;
using Lens.Runtime.EventSourcing;
using Lens.Runtime.Storage;

namespace Lens.Runtime;

/// <summary>
/// An event-sourced grain: state is the fold of its journal. <see cref="RaiseEvent"/> queues events,
/// <see cref="ConfirmEvents"/> appends them with a conditional append at the confirmed version, then applies
/// them to <see cref="State"/>. A snapshot is written every <see cref="SnapshotInterval"/> events.
/// </summary>
/// <remarks>
/// On a conflicting append (another activation wrote first) the pending events are dropped, the activation
/// deactivates, and <see cref="JournalConflictException"/> propagates: the log never forks and the next
/// activation reloads from the journal. Large binary values belong in <see cref="StoreLargeValueAsync"/>;
/// events carry the returned reference.
/// </remarks>
/// <typeparam name="TState">The state; public <c>Apply(TEventSubtype)</c> methods fold events unless <see cref="TransitionState"/> is overridden.</typeparam>
/// <typeparam name="TEvent">Base type of the events.</typeparam>
public abstract class JournaledGrain<TState, TEvent> : Grain
    where TState : class, new()
    where TEvent : class
{
    private readonly List<TEvent> _pending = [];
    private TState _confirmed = new();
    private TState? _tentative;
    private string? _snapshotETag;
    private long _snapshotVersion;

    /// <summary>The confirmed state: the fold of every event in the journal.</summary>
    protected TState State => _confirmed;

    /// <summary>The confirmed state plus raised but unconfirmed events.</summary>
    protected TState TentativeState => _pending.Count == 0 ? _confirmed : _tentative ??= BuildTentative();

    /// <summary>Number of confirmed events.</summary>
    protected long Version { get; private set; }

    /// <summary>Number of raised, unconfirmed events.</summary>
    protected int UnconfirmedCount => _pending.Count;

    /// <summary>Write a snapshot every this many events (default 100).</summary>
    protected virtual int SnapshotInterval => 100;

    /// <summary>The journal's id (the grain id string).</summary>
    protected string JournalId => GrainId.ToString();

    /// <summary>Applies one event to a state; by default calls <c>state.Apply(event)</c>.</summary>
    protected virtual void TransitionState(TState state, TEvent @event) => StateTransition.Apply(state, @event);

    /// <summary>Queues an event; it becomes durable and part of <see cref="State"/> at <see cref="ConfirmEvents"/>.</summary>
    protected void RaiseEvent(TEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        _pending.Add(@event);
        if (_tentative is not null) TransitionState(_tentative, @event);
    }

    /// <summary>Queues several events, confirmed together atomically.</summary>
    protected void RaiseEvents(IEnumerable<TEvent> events)
    {
        foreach (var e in events) RaiseEvent(e);
    }

    /// <summary>Appends the queued events atomically at the confirmed version and applies them.</summary>
    /// <exception cref="JournalConflictException">Another writer appended first; this activation deactivates.</exception>
    /// <exception cref="StorageUnavailableException">Storage failed; the outcome is unknown, so this activation deactivates and the next one reloads.</exception>
    protected async Task ConfirmEvents(CancellationToken cancellationToken = default)
    {
        if (_pending.Count == 0) return;
        var payloads = _pending.Select(e => JournalCodec.Encode(e)).ToList();
        try
        {
            Version = await Context.Storage.Journals.AppendAsync(JournalId, Version, payloads, cancellationToken);
        }
        catch (Exception ex) when (ex is StorageConflictException or StorageUnavailableException or OperationCanceledException)
        {
            _pending.Clear();
            _tentative = null;
            Context.Deactivate(ex is StorageConflictException ? DeactivationReason.JournalConflict : DeactivationReason.Error);
            throw;
        }
        foreach (var e in _pending) TransitionState(_confirmed, e);
        _pending.Clear();
        _tentative = null;
        if (Version - _snapshotVersion >= SnapshotInterval) await TrySnapshotAsync(cancellationToken);
    }

    /// <summary>Reads confirmed events with sequence in (<paramref name="afterVersion"/>, <paramref name="toVersion"/>].</summary>
    protected async Task<IReadOnlyList<TEvent>> RetrieveConfirmedEvents(long afterVersion, long toVersion, CancellationToken cancellationToken = default)
    {
        var slice = await Context.Storage.Journals.ReadAsync(JournalId, afterVersion, cancellationToken);
        return slice.Entries.Where(e => e.Sequence <= toVersion).Select(e => (TEvent)JournalCodec.Decode(e.Payload)).ToList();
    }

    /// <summary>Stores a large value outside the journal; put the reference in an event.</summary>
    protected Task<LargeValueRef> StoreLargeValueAsync(ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default) =>
        Context.Storage.LargeValues.PutAsync(value, cancellationToken);

    /// <summary>Reads a large value by reference.</summary>
    protected Task<byte[]> LoadLargeValueAsync(LargeValueRef reference, CancellationToken cancellationToken = default) =>
        Context.Storage.LargeValues.GetAsync(reference, cancellationToken);

    internal override async Task LoadAsync(CancellationToken cancellationToken)
    {
        var journals = Context.Storage.Journals;
        var snapshot = await journals.ReadSnapshotAsync(JournalId, cancellationToken);
        if (snapshot is not null)
        {
            _confirmed = JsonSerializer.Deserialize<TState>(snapshot.State, JournalCodec.Options) ?? new TState();
            Version = _snapshotVersion = snapshot.Version;
            _snapshotETag = snapshot.ETag;
        }
        var slice = await journals.ReadAsync(JournalId, Version, cancellationToken);
        foreach (var entry in slice.Entries) TransitionState(_confirmed, (TEvent)JournalCodec.Decode(entry.Payload));
        Version = slice.Version;
    }

    private async Task TrySnapshotAsync(CancellationToken cancellationToken)
    {
        try
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(_confirmed, JournalCodec.Options);
            _snapshotETag = await Context.Storage.Journals.WriteSnapshotAsync(JournalId, Version, bytes, _snapshotETag, cancellationToken);
            _snapshotVersion = Version;
        }
        catch (Exception ex) when (ex is StorageConflictException or StorageUnavailableException)
        {
            // Snapshots only speed up replay; the journal stays the truth, so a failed one is skipped.
            _snapshotVersion = Version;
        }
    }

    private TState BuildTentative()
    {
        var copy = JsonSerializer.Deserialize<TState>(JsonSerializer.SerializeToUtf8Bytes(_confirmed, JournalCodec.Options), JournalCodec.Options) ?? new TState();
        foreach (var e in _pending) TransitionState(copy, e);
        return copy;
    }
}
