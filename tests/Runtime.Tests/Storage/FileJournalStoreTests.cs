using System.Text;
using Lens.Runtime.Storage;
using Lens.Runtime.Storage.File;

namespace Lens.Runtime.Tests.Storage;

public sealed class FileJournalStoreTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "lens-journal-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => System.IO.Directory.Delete(_root, recursive: true);

    private static byte[] Event(string text) => Encoding.UTF8.GetBytes(text);

    private string LogPath(string journalId) => Path.Combine(_root, "journals", journalId.Replace("/", "%2F", StringComparison.Ordinal) + ".log");

    [Fact]
    public async Task AppendedBatchesReadBackInOrderFromAnyVersion()
    {
        var store = new FileJournalStore(_root);
        Assert.Equal(2, await store.AppendAsync("a/1", 0, [Event("e1"), Event("e2")]));
        Assert.Equal(3, await store.AppendAsync("a/1", 2, [Event("e3")]));

        var all = await store.ReadAsync("a/1", 0);
        Assert.Equal(3, all.Version);
        Assert.Equal(["e1", "e2", "e3"], all.Entries.Select(e => Encoding.UTF8.GetString(e.Payload)));
        Assert.Equal([1L, 2, 3], all.Entries.Select(e => e.Sequence));
        var tail = await new FileJournalStore(_root).ReadAsync("a/1", 1);
        Assert.Equal(["e2", "e3"], tail.Entries.Select(e => Encoding.UTF8.GetString(e.Payload)));
        Assert.Equal(0, (await store.ReadAsync("never/written", 0)).Version);
    }

    [Fact]
    public async Task AppendAtAStaleVersionIsRefusedAndWritesNothing()
    {
        var store = new FileJournalStore(_root);
        await store.AppendAsync("a/2", 0, [Event("e1")]);
        var conflict = await Assert.ThrowsAsync<JournalConflictException>(() => store.AppendAsync("a/2", 0, [Event("fork")]));
        Assert.Equal(0, conflict.ExpectedVersion);
        Assert.Equal(1, conflict.ActualVersion);
        Assert.Equal(["e1"], (await store.ReadAsync("a/2", 0)).Entries.Select(e => Encoding.UTF8.GetString(e.Payload)));
    }

    [Fact]
    public async Task ConcurrentAppendsAtTheSameVersionHaveExactlyOneWinner()
    {
        var stores = Enumerable.Range(0, 8).Select(_ => new FileJournalStore(_root)).ToList();
        var outcomes = await Task.WhenAll(stores.Select(async (s, i) =>
        {
            try { await s.AppendAsync("a/3", 0, [Event($"writer{i}")]); return true; }
            catch (JournalConflictException) { return false; }
        }));
        Assert.Equal(1, outcomes.Count(won => won));
        Assert.Equal(1, (await stores[0].ReadAsync("a/3", 0)).Version);
    }

    [Fact]
    public async Task TornTailFromACrashMidAppendIsCutOnRecovery()
    {
        await new FileJournalStore(_root).AppendAsync("a/4", 0, [Event("kept1"), Event("kept2")]);
        var frame = JournalFrame.Encode(3, [Event("torn-batch-event")]);
        await using (var log = new FileStream(LogPath("a/4"), FileMode.Append))
            await log.WriteAsync(frame.AsMemory(0, frame.Length - 7)); // the crash cut the last 7 bytes

        var recovered = new FileJournalStoreRecovery(_root);
        var slice = await recovered.Store.ReadAsync("a/4", 0);
        Assert.Equal(2, slice.Version);
        Assert.Equal(["kept1", "kept2"], slice.Entries.Select(e => Encoding.UTF8.GetString(e.Payload)));
        Assert.Equal(JournalFrame.Encode(1, [Event("kept1"), Event("kept2")]).Length, new FileInfo(LogPath("a/4")).Length);
        Assert.Equal(3, await recovered.Store.AppendAsync("a/4", 2, [Event("after")]));
    }

    [Fact]
    public async Task CorruptedLastFrameFailsItsChecksumAndIsCut()
    {
        var store = new FileJournalStore(_root);
        await store.AppendAsync("a/5", 0, [Event("good")]);
        await store.AppendAsync("a/5", 1, [Event("flipped")]);
        var bytes = await File.ReadAllBytesAsync(LogPath("a/5"));
        bytes[^8] ^= 0xFF; // a bit flip inside the last frame's payload
        await File.WriteAllBytesAsync(LogPath("a/5"), bytes);

        var slice = await new FileJournalStoreRecovery(_root).Store.ReadAsync("a/5", 0);
        Assert.Equal(["good"], slice.Entries.Select(e => Encoding.UTF8.GetString(e.Payload)));
    }

    [Fact]
    public async Task SnapshotsAreETagGuardedAndCorruptOnesReadAsMissing()
    {
        var store = new FileJournalStore(_root);
        var etag = await store.WriteSnapshotAsync("a/6", 5, Event("state5"), null);
        await Assert.ThrowsAsync<StorageConflictException>(() => store.WriteSnapshotAsync("a/6", 6, Event("state6"), null));
        var etag2 = await store.WriteSnapshotAsync("a/6", 6, Event("state6"), etag);
        var snapshot = await store.ReadSnapshotAsync("a/6");
        Assert.Equal((6L, "state6", etag2), (snapshot!.Version, Encoding.UTF8.GetString(snapshot.State), snapshot.ETag));

        var path = Path.Combine(_root, "snapshots", "a%2F6.snap");
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[^1] ^= 0xFF;
        await File.WriteAllBytesAsync(path, bytes);
        Assert.Null(await store.ReadSnapshotAsync("a/6"));
    }

    [Fact]
    public async Task LargeValuesAreStoredByContentReference()
    {
        var storage = new FileClusterStorage(_root);
        var value = new byte[3_000_000];
        new Random(7).NextBytes(value);
        var reference = await storage.LargeValues.PutAsync(value);
        Assert.Equal(reference, await storage.LargeValues.PutAsync(value));
        Assert.StartsWith("sha256-", reference.Id, StringComparison.Ordinal);
        Assert.Equal(value, await storage.LargeValues.GetAsync(reference));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => storage.LargeValues.GetAsync(reference with { Id = "sha256-00" }));
    }
}
