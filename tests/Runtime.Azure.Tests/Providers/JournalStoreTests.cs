using System.Text;
using Lens.Runtime.Azure.Rest;
using Lens.Runtime.Azure.Tests.Azurite;
using Lens.Runtime.Storage;

namespace Lens.Runtime.Azure.Tests.Providers;

[Collection(AzuriteCollection.Name)]
public sealed class JournalStoreTests(AzuriteFixture azurite)
{
    private const string Journal = "conversation/abc:1@x é";

    [Fact]
    public async Task ANeverWrittenJournalReadsAsVersionZero()
    {
        using var storage = azurite.NewStorage();

        var slice = await storage.Journals.ReadAsync(Journal, 0);

        Assert.Equal((0L, 0), (slice.Version, slice.Entries.Count));
    }

    [Fact]
    public async Task AppendedBatchesReadBackInOrderWithSequences()
    {
        using var storage = azurite.NewStorage();

        Assert.Equal(2, await storage.Journals.AppendAsync(Journal, 0, [Event("a"), Event("b")]));
        Assert.Equal(3, await storage.Journals.AppendAsync(Journal, 2, [Event("c")]));
        var all = await storage.Journals.ReadAsync(Journal, 0);
        var tail = await storage.Journals.ReadAsync(Journal, 2);

        Assert.Equal(3, all.Version);
        Assert.Equal([(1L, "a"), (2L, "b"), (3L, "c")], all.Entries.Select(e => (e.Sequence, Text(e))));
        Assert.Equal([(3L, "c")], tail.Entries.Select(e => (e.Sequence, Text(e))));
        Assert.Equal(3, tail.Version);
    }

    [Fact]
    public async Task AStaleExpectedVersionIsAConflictAndWritesNothing()
    {
        using var storage = azurite.NewStorage();
        await storage.Journals.AppendAsync(Journal, 0, [Event("a"), Event("b")]);

        var behind = await Assert.ThrowsAsync<JournalConflictException>(() => storage.Journals.AppendAsync(Journal, 1, [Event("x")]));
        var ahead = await Assert.ThrowsAsync<JournalConflictException>(() => storage.Journals.AppendAsync(Journal, 5, [Event("y")]));

        Assert.Equal((1L, 2L), (behind.ExpectedVersion, behind.ActualVersion));
        Assert.Equal((5L, 2L), (ahead.ExpectedVersion, ahead.ActualVersion));
        Assert.Equal(["a", "b"], (await storage.Journals.ReadAsync(Journal, 0)).Entries.Select(Text));
    }

    [Fact]
    public async Task AWriterWithAColdCacheAppendsAtTheTrueEndOrConflicts()
    {
        var prefix = AzuriteFixture.NewPrefix();
        using var first = azurite.NewStorage(prefix);
        using var second = azurite.NewStorage(prefix);
        await first.Journals.AppendAsync(Journal, 0, [Event("a")]);

        // The second provider never saw the journal: it must find the end itself.
        Assert.Equal(2, await second.Journals.AppendAsync(Journal, 1, [Event("b")]));
        // The first provider's cached tail is now behind the truth: the service must refuse it.
        var stale = await Assert.ThrowsAsync<JournalConflictException>(() => first.Journals.AppendAsync(Journal, 1, [Event("x")]));
        Assert.Equal(2, stale.ActualVersion);
        Assert.Equal(3, await first.Journals.AppendAsync(Journal, 2, [Event("c")]));

        Assert.Equal(["a", "b", "c"], (await second.Journals.ReadAsync(Journal, 0)).Entries.Select(Text));
    }

    [Theory]
    [InlineData(Journals.AzureJournalStore.DefaultSegmentBlocks)]
    [InlineData(2)] // a seal every second append: the race also covers segment changes
    public async Task TwoWritersAtTheSameVersionNeverForkTheJournal(int segmentBlocks)
    {
        var prefix = AzuriteFixture.NewPrefix();
        using var left = azurite.NewStorage(prefix, segmentBlocks);
        using var right = azurite.NewStorage(prefix, segmentBlocks);
        const int rounds = 25;

        for (var version = 0L; version < rounds; version++)
        {
            var v = version;
            var attempts = await Task.WhenAll(
                Attempt(left.Journals, v, $"left-{v}"),
                Attempt(right.Journals, v, $"right-{v}"));
            Assert.True(attempts.Count(a => a is not null) == 1, $"round {v}: expected exactly one winner, got [{string.Join(", ", attempts.Select(a => a ?? "conflict"))}]");
        }

        using var reader = azurite.NewStorage(prefix);
        var journal = await reader.Journals.ReadAsync(Journal, 0);
        Assert.Equal(rounds, journal.Version);
        Assert.Equal(Enumerable.Range(1, rounds).Select(i => (long)i), journal.Entries.Select(e => e.Sequence));
        Assert.All(journal.Entries, e => Assert.EndsWith($"-{e.Sequence - 1}", Text(e), StringComparison.Ordinal));

        static async Task<string?> Attempt(IJournalStore store, long version, string payload)
        {
            try
            {
                await store.AppendAsync(Journal, version, [Event(payload)]);
                return payload;
            }
            catch (JournalConflictException)
            {
                return null;
            }
        }
    }

    [Fact]
    public async Task AResentAppendThatAlreadyLandedIsAcknowledgedOnce()
    {
        // What a resend after a lost answer looks like: the same bytes at the same position meet their own block.
        var prefix = AzuriteFixture.NewPrefix();
        using var first = azurite.NewStorage(prefix);
        using var resend = azurite.NewStorage(prefix);
        await first.Journals.AppendAsync(Journal, 0, [Event("a")]);
        await resend.Journals.ReadAsync(Journal, 0);

        Assert.Equal(2, await first.Journals.AppendAsync(Journal, 1, [Event("b")]));
        Assert.Equal(2, await resend.Journals.AppendAsync(Journal, 1, [Event("b")]));
        await Assert.ThrowsAsync<JournalConflictException>(() => resend.Journals.AppendAsync(Journal, 1, [Event("c")]));

        Assert.Equal(["a", "b"], (await first.Journals.ReadAsync(Journal, 0)).Entries.Select(Text));
    }

    [Fact]
    public async Task AFreshProviderReadsTheTailAfterASnapshot()
    {
        var prefix = AzuriteFixture.NewPrefix();
        using var writer = azurite.NewStorage(prefix);
        await writer.Journals.AppendAsync(Journal, 0, Enumerable.Range(1, 10).Select(i => Event($"e{i}")).ToList());
        await writer.Journals.WriteSnapshotAsync(Journal, 10, Event("state@10"), null);
        await writer.Journals.AppendAsync(Journal, 10, [Event("e11"), Event("e12")]);

        using var reader = azurite.NewStorage(prefix);
        var snapshot = await reader.Journals.ReadSnapshotAsync(Journal);
        var tail = await reader.Journals.ReadAsync(Journal, snapshot!.Version);

        Assert.Equal((10L, "state@10"), (snapshot.Version, Encoding.UTF8.GetString(snapshot.State)));
        Assert.Equal([(11L, "e11"), (12L, "e12")], tail.Entries.Select(e => (e.Sequence, Text(e))));
        // Only the two events after the snapshot were downloaded (12-byte frame header + 3-byte payload each).
        Assert.Equal(2 * (12 + 3), ((Journals.AzureJournalStore)reader.Journals).BytesRead);
        Assert.Equal(13, await reader.Journals.AppendAsync(Journal, 12, [Event("e13")]));
    }

    [Fact]
    public async Task AJournalContinuesAcrossSegmentBlobs()
    {
        var prefix = AzuriteFixture.NewPrefix();
        using var writer = azurite.NewStorage(prefix, journalSegmentBlocks: 3);
        for (var v = 0; v < 7; v++) await writer.Journals.AppendAsync(Journal, v, [Event($"e{v + 1}")]);
        await writer.Journals.AppendAsync(Journal, 7, [Event("e8"), Event("e9"), Event("e10")]);

        using var cold = azurite.NewStorage(prefix, journalSegmentBlocks: 3);
        var all = await cold.Journals.ReadAsync(Journal, 0);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), all.Entries.Select(e => e.Sequence));
        Assert.Equal(Enumerable.Range(1, 10).Select(i => $"e{i}"), all.Entries.Select(Text));
        Assert.Equal(11, await cold.Journals.AppendAsync(Journal, 10, [Event("e11")]));
        await Assert.ThrowsAsync<JournalConflictException>(() => writer.Journals.AppendAsync(Journal, 10, [Event("fork")]));

        // 9 appends, 3 per segment: segments 0 and 1 hold three appends and the seal, segment 2 is open and full.
        using var transport = new StorageTransport(StorageAccount.Parse(azurite.Server.ConnectionString), TimeSpan.FromSeconds(10));
        var blobs = new BlobClient(transport);
        var segments = new List<string?>();
        foreach (var suffix in new[] { "", "~~1", "~~2", "~~3" })
        {
            var properties = await blobs.GetPropertiesAsync($"{prefix}-journals", SafeName.Escape(Journal) + suffix);
            segments.Add(properties.Header("x-ms-blob-committed-block-count"));
        }
        Assert.Equal(["4", "4", "3", null], segments);
    }

    [Fact]
    public async Task ATailReadAfterASnapshotSkipsSealedSegments()
    {
        var prefix = AzuriteFixture.NewPrefix();
        using var writer = azurite.NewStorage(prefix, journalSegmentBlocks: 2);
        for (var v = 0; v < 9; v++) await writer.Journals.AppendAsync(Journal, v, [Event($"e{v + 1}")]);
        await writer.Journals.WriteSnapshotAsync(Journal, 9, Event("state@9"), null);
        await writer.Journals.AppendAsync(Journal, 9, [Event("e10")]);

        using var reader = azurite.NewStorage(prefix, journalSegmentBlocks: 2);
        var snapshot = await reader.Journals.ReadSnapshotAsync(Journal);
        var tail = await reader.Journals.ReadAsync(Journal, snapshot!.Version);

        Assert.Equal([(10L, "e10")], tail.Entries.Select(e => (e.Sequence, Text(e))));
        Assert.True(((Journals.AzureJournalStore)reader.Journals).BytesRead <= 2 * (12 + 3) + 12, $"read {((Journals.AzureJournalStore)reader.Journals).BytesRead} bytes for one event");
    }

    [Fact]
    public async Task SnapshotsAreReplacedOnlyWithTheCurrentETag()
    {
        using var storage = azurite.NewStorage();

        Assert.Null(await storage.Journals.ReadSnapshotAsync(Journal));
        var first = await storage.Journals.WriteSnapshotAsync(Journal, 3, Event("s3"), null);
        await Assert.ThrowsAsync<StorageConflictException>(() => storage.Journals.WriteSnapshotAsync(Journal, 4, Event("other"), null));
        var second = await storage.Journals.WriteSnapshotAsync(Journal, 5, Event("s5"), first);
        await Assert.ThrowsAsync<StorageConflictException>(() => storage.Journals.WriteSnapshotAsync(Journal, 6, Event("stale"), first));

        var read = await storage.Journals.ReadSnapshotAsync(Journal);
        Assert.Equal((5L, "s5", second), (read!.Version, Encoding.UTF8.GetString(read.State), read.ETag));
    }

    [Fact]
    public async Task AnAppendLargerThanOneBlockIsRefusedBeforeWriting()
    {
        using var storage = azurite.NewStorage();

        await Assert.ThrowsAsync<ArgumentException>(() => storage.Journals.AppendAsync(Journal, 0, [new byte[Journals.AzureJournalStore.MaxAppendBytes]]));

        Assert.Equal(0, (await storage.Journals.ReadAsync(Journal, 0)).Version);
    }

    private static byte[] Event(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(JournalEntry entry) => Encoding.UTF8.GetString(entry.Payload);
}
