using Lens.Storage.EventSourcing;
using Lens.Storage.Journals;

namespace Lens.Storage.Tests.Grains;

/// <summary>An event: one item added to the list.</summary>
[GenerateSerializer]
public sealed record ItemAdded([property: Id(0)] Guid EventId, [property: Id(1)] string Item) : IJournalEvent;

/// <summary>The list, built from <see cref="ItemAdded"/> events.</summary>
[GenerateSerializer]
public sealed class ItemListState
{
    [Id(0)]
    public List<string> Items { get; set; } = [];
}

/// <summary>A journaled test grain: a list of items, each added as an event.</summary>
public interface IItemListGrain : IGrainWithStringKey
{
    /// <summary>Adds the items as one batch and returns the confirmed version once the journal stored them.</summary>
    Task<int> Add(params string[] items);

    /// <summary>The confirmed items.</summary>
    Task<List<string>> Items();

    /// <summary>The confirmed version.</summary>
    Task<int> ConfirmedVersion();
}

/// <summary>The journaled test grain; snapshots every 5 events so tests see snapshots and tails.</summary>
public sealed class ItemListGrain : JournaledLensGrain<ItemListState, ItemAdded>, IItemListGrain
{
    protected override int SnapshotInterval => 5;

    public async Task<int> Add(params string[] items)
    {
        RaiseEvents(items.Select(item => new ItemAdded(Guid.NewGuid(), item)));
        await ConfirmEvents();
        return Version;
    }

    public Task<List<string>> Items() => Task.FromResult(State.Items.ToList());

    public Task<int> ConfirmedVersion() => Task.FromResult(Version);

    protected override void TransitionState(ItemListState state, ItemAdded @event) => state.Items.Add(@event.Item);
}
