using System.Text;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Lens.Storage.Journals;
using Lens.Storage.Journals.Azure;
using Lens.Storage.Tests.Azurite;
using Lens.Storage.Tests.Faults;
using Lens.Tests.Azurite;

namespace Lens.Storage.Tests.Journals;

/// <summary>What only the append-blob journal does: segments, and answers lost on the way back.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureJournalTests(AzuriteFixture azurite)
{
    private readonly string _prefix = AzuriteFixture.UniquePrefix();

    [Fact]
    public async Task AStreamRollsOverToANewSegmentBeforeTheBlockLimitAndReadsAcrossThem()
    {
        const string stream = "conversation/rollover";
        var journal = NewJournal(segmentBlocks: 3);
        for (var v = 0; v < 10; v++) await journal.AppendAsync(stream, v, Batch($"e{v + 1}"));

        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(_prefix + "journal");
        var segments = new List<(string Name, int Blocks)>();
        await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Prefix = SafeName.Escape(stream) + "/" }))
            segments.Add((blob.Name, (await container.GetAppendBlobClient(blob.Name).GetPropertiesAsync()).Value.BlobCommittedBlockCount));
        // Three event frames and a seal in each full segment; event 10 opens the fourth.
        Assert.Equal([("conversation~2Frollover/000000", 4), ("conversation~2Frollover/000001", 4), ("conversation~2Frollover/000002", 4), ("conversation~2Frollover/000003", 1)], segments);

        var read = await NewJournal(segmentBlocks: 3).ReadAsync(stream);
        Assert.Equal(Enumerable.Range(1, 10).Select(v => $"e{v}"), Texts(read));

        // A snapshot inside segment 2: a cold reader fetches events 8 and 9, segment 2's seal, and event 10.
        await journal.WriteSnapshotAsync(stream, 7, new byte[] { 7 });
        var reader = NewJournal(segmentBlocks: 3);
        read = await reader.ReadAsync(stream);
        Assert.Equal(["e8", "e9", "e10"], Texts(read));
        Assert.Equal(FrameBytes("e8") + FrameBytes("e9") + FrameBytes("e10") + 24, reader.BytesRead);
    }

    [Fact]
    public async Task AnAnswerLostInTransitIsRetriedByTheClientAndTheBatchStoredOnce()
    {
        const string stream = "conversation/lost-answer";
        await using var proxy = new ResponseDroppingProxy(azurite.Server.BlobPort);
        var journal = NewJournal(connectionString: ThroughProxy(proxy), maxRetries: 2);
        await journal.AppendAsync(stream, 0, Batch("a"));

        proxy.DropNextResponses(1);
        var batch = Batch("b", "c");
        // Azurite stores the block; the answer is lost; the SDK resends; the resend meets the append-position
        // condition (412) and the journal finds its own event ids there.
        Assert.Equal(3, await journal.AppendAsync(stream, 1, batch));
        Assert.Equal(1, proxy.Dropped);

        var read = await NewJournal().ReadAsync(stream);
        Assert.Equal(["a", "b", "c"], Texts(read));
        Assert.Equal(batch.Select(r => r.EventId), read.Events.Skip(1).Select(e => e.EventId));
    }

    [Fact]
    public async Task ABatchResubmittedByTheCallerAfterALostAnswerIsStoredOnce()
    {
        const string stream = "conversation/resubmitted";
        await using var proxy = new ResponseDroppingProxy(azurite.Server.BlobPort);
        var journal = NewJournal(connectionString: ThroughProxy(proxy), maxRetries: 0);
        await journal.AppendAsync(stream, 0, Batch("a"));

        proxy.DropNextResponses(1);
        var batch = Batch("b");
        var lost = await Assert.ThrowsAsync<JournalUnavailableException>(() => journal.AppendAsync(stream, 1, batch));
        Assert.Contains($"append to stream '{stream}' at http://127.0.0.1:{proxy.Port}/{AzuriteServer.AccountName}", lost.Message, StringComparison.Ordinal);
        Assert.Equal(["a", "b"], Texts(await NewJournal().ReadAsync(stream))); // it did land

        Assert.Equal(2, await journal.AppendAsync(stream, 1, batch));
        Assert.Equal(2, await NewJournal().AppendAsync(stream, 1, batch));
        Assert.Equal(["a", "b"], Texts(await NewJournal().ReadAsync(stream)));
    }

    [Fact]
    public void BadOptionsAreRefusedSayingWhatWasWrong()
    {
        Assert.Contains("lowercase letters and digits", Assert.Throws<ArgumentException>(() => NewJournal(prefix: "Bad-Prefix")).Message, StringComparison.Ordinal);
        Assert.Contains("between 1 and 49999", Assert.Throws<ArgumentOutOfRangeException>(() => NewJournal(segmentBlocks: 50_000)).Message, StringComparison.Ordinal);
        Assert.Contains("between 1 and 49999", Assert.Throws<ArgumentOutOfRangeException>(() => NewJournal(segmentBlocks: 0)).Message, StringComparison.Ordinal);
    }

    private AzureAppendBlobJournal NewJournal(int segmentBlocks = 49_000, string? connectionString = null, int maxRetries = 2, string? prefix = null) =>
        new(connectionString ?? azurite.ConnectionString, new AzureJournalOptions
        {
            ContainerPrefix = prefix ?? _prefix,
            SegmentBlocks = segmentBlocks,
            MaxRetries = maxRetries,
            RequestTimeout = TimeSpan.FromSeconds(10),
        });

    private static string ThroughProxy(ResponseDroppingProxy proxy) =>
        $"DefaultEndpointsProtocol=http;AccountName={AzuriteServer.AccountName};AccountKey={AzuriteServer.AccountKey};BlobEndpoint=http://127.0.0.1:{proxy.Port}/{AzuriteServer.AccountName};";

    private static int FrameBytes(string text) => 24 + 20 + Encoding.UTF8.GetByteCount(text);

    private static List<JournalRecord> Batch(params string[] texts) =>
        texts.Select(t => new JournalRecord(Guid.NewGuid(), Encoding.UTF8.GetBytes(t))).ToList();

    private static string[] Texts(JournalRead read) => read.Events.Select(e => Encoding.UTF8.GetString(e.Payload.Span)).ToArray();
}
