using System.Diagnostics;
using System.Text;
using Lens.Storage.Journals;
using Lens.Storage.Journals.Azure;
using Lens.Storage.Tests.Azurite;
using Lens.Tests.Azurite;

namespace Lens.Storage.Tests.Journals;

/// <summary>Azurite stops or hangs under the append-blob journal, then comes back.</summary>
[Trait("Category", "Fault")]
[Collection(AzuriteOutageCollection.Name)]
public sealed class AzureOutageTests(AzuriteFixture azurite)
{
    // Azurite keeps blob metadata in memory and saves it on the way out: a SIGKILL loses writes it acknowledged (the
    // emulator's durability, not the journal's), so an outage is a SIGTERM with time to save.
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(2);
    private readonly string _prefix = AzuriteFixture.UniquePrefix();

    private AzuriteServer Azurite => azurite.Server;

    [Fact]
    public async Task AStoppedServiceFailsClearlyInBoundedTimeCorruptsNothingAndWorksAfterARestart()
    {
        const string stream = "conversation/outage";
        var journal = NewJournal();
        await journal.AppendAsync(stream, 0, Batch("a", "b"));
        await journal.WriteSnapshotAsync(stream, 2, new byte[] { 2 });

        await Azurite.StopAsync(StopGrace);
        try
        {
            var clock = Stopwatch.StartNew();
            var append = await Assert.ThrowsAsync<JournalUnavailableException>(() => journal.AppendAsync(stream, 2, Batch("c")));
            var read = await Assert.ThrowsAsync<JournalUnavailableException>(() => NewJournal().ReadAsync(stream));
            await Assert.ThrowsAsync<JournalUnavailableException>(() => journal.WriteSnapshotAsync(stream, 2, new byte[] { 3 }));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"three failing calls took {clock.Elapsed.TotalSeconds:0.0} s");

            var endpoint = $"at http://127.0.0.1:{Azurite.BlobPort}/{AzuriteServer.AccountName}";
            Assert.Contains($"could not append to stream '{stream}' {endpoint}: connection refused", append.Message, StringComparison.Ordinal);
            Assert.Contains($"could not read stream '{stream}' {endpoint}", read.Message, StringComparison.Ordinal);
            Assert.Equal(stream, append.Stream);
        }
        finally
        {
            await Azurite.RestartAsync();
        }

        Assert.Equal(3, await journal.AppendAsync(stream, 2, Batch("c")));
        var after = await NewJournal().ReadAsync(stream);
        Assert.Equal(2, after.Snapshot?.Version);
        Assert.Equal(["c"], Texts(after));
        Assert.Equal(3, after.Version);
    }

    [Fact]
    public async Task AHungServiceFailsInBoundedTimeAndTheBatchOfUnknownOutcomeIsStoredOnce()
    {
        const string stream = "conversation/hung";
        var journal = NewJournal();
        await journal.AppendAsync(stream, 0, Batch("a", "b"));
        var batch = Batch("c");

        Azurite.Freeze();
        var clock = Stopwatch.StartNew();
        JournalUnavailableException hung;
        try
        {
            hung = await Assert.ThrowsAsync<JournalUnavailableException>(() => journal.AppendAsync(stream, 2, batch));
            clock.Stop();
        }
        finally
        {
            Azurite.Thaw();
        }

        Assert.Contains($"could not append to stream '{stream}'", hung.Message, StringComparison.Ordinal);
        Assert.Contains("no answer within 2 s (2 tries)", hung.Message, StringComparison.Ordinal);
        // Two tries of 2 s each and a back-off; well under the SDK default of minutes.
        Assert.InRange(clock.Elapsed, RequestTimeout, TimeSpan.FromSeconds(15));

        // The thawed service may apply the timed-out requests at any moment, before or after the resubmission;
        // the append-position condition lets exactly one copy land, and the journal recognises it.
        Assert.Equal(3, await journal.AppendAsync(stream, 2, batch));
        Assert.Equal(4, await journal.AppendAsync(stream, 3, Batch("d")));
        await Task.Delay(500);
        var read = await NewJournal().ReadAsync(stream);
        Assert.Equal(["a", "b", "c", "d"], Texts(read));
        Assert.Equal(batch[0].EventId, read.Events[2].EventId);
    }

    [Fact]
    public async Task AWriterResubmittingThroughAnOutageStoresExactlyTheEventsItWasToldWereStored()
    {
        const string stream = "conversation/through-outage";
        var journal = NewJournal();
        var acknowledged = new List<string>();
        var failures = new List<JournalUnavailableException>();
        using var stop = new CancellationTokenSource();

        var writer = Task.Run(async () =>
        {
            long version = 0;
            for (var next = 0; !stop.IsCancellationRequested; next++)
            {
                var batch = Batch($"event-{next}");
                while (true)
                {
                    try
                    {
                        version = await journal.AppendAsync(stream, version, batch);
                        lock (acknowledged) acknowledged.Add($"event-{next}");
                        break;
                    }
                    catch (JournalUnavailableException e)
                    {
                        // Unknown outcome: resubmit the same batch (same ids) at the same version until it is answered.
                        lock (acknowledged) failures.Add(e);
                        await Task.Delay(100);
                    }
                }
            }
        });

        int Acknowledged() { lock (acknowledged) return acknowledged.Count; }
        int Failures() { lock (acknowledged) return failures.Count; }

        await WaitUntilAsync(() => Acknowledged() >= 30, "before the outage: 30 acknowledged appends");
        await Azurite.StopAsync(StopGrace);
        var beforeRestart = 0;
        try
        {
            await WaitUntilAsync(() => Failures() >= 2, "during the outage: appends fail");
            beforeRestart = Acknowledged();
        }
        finally
        {
            await Azurite.RestartAsync();
        }
        await WaitUntilAsync(() => Acknowledged() >= beforeRestart + 20, "after the outage: 20 more acknowledged appends");
        await stop.CancelAsync();
        await writer;

        var read = await NewJournal().ReadAsync(stream);
        Assert.Equal(acknowledged, Texts(read));
        Assert.Equal(Enumerable.Range(1, acknowledged.Count).Select(v => (long)v), read.Events.Select(e => e.Version));
        Assert.All(failures, f => Assert.Equal(stream, f.Stream));
    }

    private AzureAppendBlobJournal NewJournal() => new(Azurite.ConnectionString, new AzureJournalOptions
    {
        ContainerPrefix = _prefix,
        RequestTimeout = RequestTimeout,
        MaxRetries = 1,
    });

    private static List<JournalRecord> Batch(params string[] texts) =>
        texts.Select(t => new JournalRecord(Guid.NewGuid(), Encoding.UTF8.GetBytes(t))).ToList();

    private static string[] Texts(JournalRead read) => read.Events.Select(e => Encoding.UTF8.GetString(e.Payload.Span)).ToArray();

    private static async Task WaitUntilAsync(Func<bool> condition, string phase)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException($"Timed out after 60 s waiting for: {phase}.");
            await Task.Delay(50);
        }
    }
}
