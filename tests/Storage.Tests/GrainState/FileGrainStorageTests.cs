using Lens.Storage.GrainState;
using Lens.Storage.Tests.Grains;
using Lens.Tests;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Lens.Storage.Tests.GrainState;

/// <summary>The file grain storage on its own: round trips, ETag checks, damage.</summary>
public sealed class FileGrainStorageTests : IDisposable
{
    private static readonly IServiceProvider Services = new ServiceCollection().AddSerializer().BuildServiceProvider();
    private readonly TempDirectory _folder = new();
    private readonly GrainId _grain = GrainId.Create("note", "a/b");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task AWrittenStateReadsBackFromAnotherInstanceWithItsETag()
    {
        var state = new GrainState<NoteState>(new NoteState { Text = "hello" });
        await NewStorage().WriteStateAsync("note", _grain, state);
        Assert.NotNull(state.ETag);
        Assert.True(state.RecordExists);

        var read = new GrainState<NoteState>(new NoteState());
        await NewStorage().ReadStateAsync("note", _grain, read);
        Assert.Equal("hello", read.State!.Text);
        Assert.Equal(state.ETag, read.ETag);
        Assert.True(read.RecordExists);

        var missing = new GrainState<NoteState>(new NoteState { Text = "untouched" });
        await NewStorage().ReadStateAsync("other", _grain, missing);
        Assert.False(missing.RecordExists);
        Assert.Null(missing.ETag);
    }

    [Fact]
    public async Task AWriteWithAStaleETagThrowsInconsistentStateAndChangesNothing()
    {
        var storage = NewStorage();
        await storage.WriteStateAsync("note", _grain, new GrainState<NoteState>(new NoteState { Text = "v1" }));
        var first = await ReadAsync(storage);
        var second = await ReadAsync(NewStorage());

        first.State!.Text = "v2 from the first activation";
        await storage.WriteStateAsync("note", _grain, first);
        second.State!.Text = "v2 from a stale activation";
        var stale = await Assert.ThrowsAsync<InconsistentStateException>(() => NewStorage().WriteStateAsync("note", _grain, second));

        Assert.Contains($"state 'note' of {_grain}", stale.Message, StringComparison.Ordinal);
        Assert.Equal(first.ETag, stale.StoredEtag);
        Assert.Equal(second.ETag, stale.CurrentEtag);
        Assert.Equal("v2 from the first activation", (await ReadAsync(NewStorage())).State!.Text);
        await Assert.ThrowsAsync<InconsistentStateException>(() => NewStorage().WriteStateAsync("note", _grain, new GrainState<NoteState>(new NoteState())));
    }

    [Fact]
    public async Task ClearingNeedsTheCurrentETagAndThenLeavesNoRecord()
    {
        var storage = NewStorage();
        var state = new GrainState<NoteState>(new NoteState { Text = "to clear" });
        await storage.WriteStateAsync("note", _grain, state);
        var stale = new GrainState<NoteState>(new NoteState()) { ETag = "0123" };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync("note", _grain, stale));

        await storage.ClearStateAsync("note", _grain, state);
        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.Equal("", state.State!.Text);
        var read = await ReadAsync(NewStorage());
        Assert.False(read.RecordExists);

        await storage.WriteStateAsync("note", _grain, state); // a cleared record can be written again from scratch
        Assert.True((await ReadAsync(NewStorage())).RecordExists);
    }

    [Fact]
    public async Task ADamagedStateFileIsAnErrorNamingTheFile()
    {
        var storage = NewStorage();
        await storage.WriteStateAsync("note", _grain, new GrainState<NoteState>(new NoteState { Text = "fine" }));
        var file = Directory.GetFiles(storage.Directory, "*.state", SearchOption.AllDirectories).Single();
        var bytes = await File.ReadAllBytesAsync(file);
        bytes[^1] ^= 0xFF;
        await File.WriteAllBytesAsync(file, bytes);

        var damaged = await Assert.ThrowsAsync<InvalidDataException>(() => ReadAsync(NewStorage()));
        Assert.Contains(file, damaged.Message, StringComparison.Ordinal);
        Assert.Contains("checksum", damaged.Message, StringComparison.Ordinal);
    }

    private FileGrainStorage NewStorage() =>
        new("test", _folder.Path, new OrleansGrainStorageSerializer(Services.GetRequiredService<Serializer>()), Services.GetRequiredService<IActivatorProvider>());

    private async Task<GrainState<NoteState>> ReadAsync(FileGrainStorage storage)
    {
        var state = new GrainState<NoteState>(new NoteState());
        await storage.ReadStateAsync("note", _grain, state);
        return state;
    }
}
