using System.Text;
using Lens.Storage.Journals;

namespace Lens.Storage.Tests.Journals;

/// <summary>
/// What every <see cref="IEventJournal"/> must do, run against each journal. <see cref="NewJournal"/> gives a fresh
/// instance over the same store each time, like another process: nothing cached.
/// </summary>
public abstract class JournalContract
{
    protected const int PayloadBytes = 100;
    protected const int FrameBytes = 24 + 20 + PayloadBytes; // one single-event batch as stored

    /// <summary>A new journal instance over the test's store.</summary>
    protected abstract IEventJournal NewJournal();

    /// <summary>Journal bytes the instance has read.</summary>
    protected abstract long BytesRead(IEventJournal journal);

    /// <summary>Bytes a reader fetches for <paramref name="events"/> single-event batches after a snapshot.</summary>
    protected virtual long ExpectedTailBytes(int events) => events * FrameBytes;

    /// <summary>The largest batch the journal accepts.</summary>
    protected abstract long MaxBatchBytes { get; }

    [Fact]
    public async Task AnEmptyStreamReadsAsVersionZero()
    {
        var read = await NewJournal().ReadAsync(NewStream());
        Assert.Equal(0, read.Version);
        Assert.Empty(read.Events);
        Assert.Null(read.Snapshot);
    }

    [Fact]
    public async Task BatchesReadBackInOrderWithTheirIdsVersionsAndPayloads()
    {
        var stream = NewStream();
        var journal = NewJournal();
        var first = Batch("a", "b", "c");
        var second = Batch("d");
        Assert.Equal(3, await journal.AppendAsync(stream, 0, first));
        Assert.Equal(4, await journal.AppendAsync(stream, 3, second));

        foreach (var reader in new[] { journal, NewJournal() })
        {
            var read = await reader.ReadAsync(stream);
            Assert.Equal(4, read.Version);
            Assert.Equal(new long[] { 1, 2, 3, 4 }, read.Events.Select(e => e.Version));
            Assert.Equal(first.Concat(second).Select(r => r.EventId), read.Events.Select(e => e.EventId));
            Assert.Equal(["a", "b", "c", "d"], Texts(read));
        }
    }

    [Fact]
    public async Task AnAppendAtAStaleVersionIsAConflictAndStoresNothing()
    {
        var stream = NewStream();
        var journal = NewJournal();
        await journal.AppendAsync(stream, 0, Batch("a", "b"));

        var conflict = await Assert.ThrowsAsync<JournalConflictException>(() => NewJournal().AppendAsync(stream, 1, Batch("late")));
        Assert.Equal((stream, 1L, 2L), (conflict.Stream, conflict.ExpectedVersion, conflict.ActualVersion));
        Assert.Contains($"'{stream}'", conflict.Message, StringComparison.Ordinal);
        Assert.Equal(["a", "b"], Texts(await NewJournal().ReadAsync(stream)));
    }

    [Fact]
    public async Task AnAppendAheadOfTheStreamIsAConflict()
    {
        var stream = NewStream();
        await NewJournal().AppendAsync(stream, 0, Batch("a"));
        var conflict = await Assert.ThrowsAsync<JournalConflictException>(() => NewJournal().AppendAsync(stream, 5, Batch("b")));
        Assert.Equal(1, conflict.ActualVersion);
    }

    [Fact]
    public async Task AResubmittedBatchIsStoredOnce()
    {
        var stream = NewStream();
        var journal = NewJournal();
        await journal.AppendAsync(stream, 0, Batch("a"));
        var batch = Batch("b", "c", "d");
        Assert.Equal(4, await journal.AppendAsync(stream, 1, batch));

        // A retry after a lost answer: the same batch at the same version, from this writer and from a restarted one.
        Assert.Equal(4, await journal.AppendAsync(stream, 1, batch));
        Assert.Equal(4, await NewJournal().AppendAsync(stream, 1, batch));

        var read = await NewJournal().ReadAsync(stream);
        Assert.Equal(["a", "b", "c", "d"], Texts(read));
        Assert.Equal(5, await journal.AppendAsync(stream, 4, Batch("e")));
        Assert.Equal(4, await journal.AppendAsync(stream, 1, batch)); // still recognised once others follow it
        Assert.Equal(5, (await NewJournal().ReadAsync(stream)).Version);
    }

    [Fact]
    public async Task AResubmissionWithNewEventsAfterTheStoredOnesAppendsOnlyTheNewOnes()
    {
        var stream = NewStream();
        var stored = Batch("a", "b");
        await NewJournal().AppendAsync(stream, 0, stored);

        // The grain's retry carries the lost batch plus events raised since.
        var resubmitted = stored.Concat(Batch("c")).ToList();
        Assert.Equal(3, await NewJournal().AppendAsync(stream, 0, resubmitted));

        var read = await NewJournal().ReadAsync(stream);
        Assert.Equal(["a", "b", "c"], Texts(read));
        Assert.Equal(resubmitted.Select(r => r.EventId), read.Events.Select(e => e.EventId));
    }

    [Fact]
    public async Task OtherEventsAtTheExpectedVersionAreAConflictEvenIfTheBatchSharesAnId()
    {
        var stream = NewStream();
        var stored = Batch("a", "b");
        await NewJournal().AppendAsync(stream, 0, stored);
        var sharingSecondId = new List<JournalRecord> { Batch("x")[0], stored[1] };
        await Assert.ThrowsAsync<JournalConflictException>(() => NewJournal().AppendAsync(stream, 0, sharingSecondId));
        Assert.Equal(["a", "b"], Texts(await NewJournal().ReadAsync(stream)));
    }

    [Fact]
    public async Task WritersRacingOnOneStreamKeepOneLinearHistoryWithEveryAcknowledgedEvent()
    {
        var stream = NewStream();
        var journals = new[] { NewJournal(), NewJournal() };
        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<Guid>();
        var conflicts = 0;

        async Task WriteAsync(IEventJournal journal, string writer)
        {
            for (var i = 0; i < 20; i++)
            {
                var batch = Batch($"{writer}-{i}");
                while (true)
                {
                    var version = (await journal.ReadAsync(stream)).Version;
                    try
                    {
                        await journal.AppendAsync(stream, version, batch);
                        acknowledged.Add(batch[0].EventId);
                        break;
                    }
                    catch (JournalConflictException)
                    {
                        Interlocked.Increment(ref conflicts);
                    }
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 4).Select(w => Task.Run(() => WriteAsync(journals[w % 2], $"w{w}"))));

        var read = await NewJournal().ReadAsync(stream);
        Assert.Equal(Enumerable.Range(1, 80).Select(v => (long)v), read.Events.Select(e => e.Version));
        Assert.Equal(80, read.Events.Select(e => e.EventId).Distinct().Count());
        Assert.Equal(acknowledged.Order(), read.Events.Select(e => e.EventId).Order());
        foreach (var writer in Enumerable.Range(0, 4).Select(w => $"w{w}-"))
            Assert.Equal(Enumerable.Range(0, 20).Select(i => writer + i), Texts(read).Where(t => t.StartsWith(writer, StringComparison.Ordinal)));
        Console.WriteLine($"{GetType().Name}: 80 racing appends met {conflicts} conflicts");
    }

    [Fact]
    public async Task AReadAfterASnapshotReturnsItAndReadsOnlyTheLaterEvents()
    {
        var stream = NewStream();
        var journal = NewJournal();
        for (var v = 0; v < 70; v++)
        {
            await journal.AppendAsync(stream, v, Batch(Text(v + 1)));
            if (v + 1 == 50) await journal.WriteSnapshotAsync(stream, 50, Encoding.UTF8.GetBytes("state at 50"));
        }

        var reader = NewJournal();
        var read = await reader.ReadAsync(stream);
        Assert.Equal(70, read.Version);
        Assert.Equal(50, read.Snapshot?.Version);
        Assert.Equal("state at 50", Encoding.UTF8.GetString(read.Snapshot!.State.Span));
        Assert.Equal(Enumerable.Range(51, 20).Select(Text), Texts(read));
        Assert.Equal(Enumerable.Range(51, 20).Select(v => (long)v), read.Events.Select(e => e.Version));
        Assert.Equal(ExpectedTailBytes(20), BytesRead(reader));

        // Appending after a cold start also starts from the snapshot, not from event 1.
        var appender = NewJournal();
        Assert.Equal(71, await appender.AppendAsync(stream, 70, Batch(Text(71))));
        Assert.True(BytesRead(appender) <= ExpectedTailBytes(20), $"a cold append read {BytesRead(appender)} bytes; the tail after the snapshot is {ExpectedTailBytes(20)}");
    }

    [Fact]
    public async Task ASnapshotInsideABatchOrBeyondTheEndIsRefused()
    {
        var stream = NewStream();
        var journal = NewJournal();
        await journal.AppendAsync(stream, 0, Batch("a", "b", "c"));
        await journal.AppendAsync(stream, 3, Batch("d"));

        var inside = await Assert.ThrowsAsync<ArgumentException>(() => NewJournal().WriteSnapshotAsync(stream, 2, new byte[] { 1 }));
        Assert.Contains("inside a stored batch", inside.Message, StringComparison.Ordinal);
        var beyond = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => NewJournal().WriteSnapshotAsync(stream, 5, new byte[] { 1 }));
        Assert.Contains("ends at version 4", beyond.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => NewJournal().WriteSnapshotAsync(stream, -1, new byte[] { 1 }));
        Assert.Null((await NewJournal().ReadAsync(stream)).Snapshot);

        await NewJournal().WriteSnapshotAsync(stream, 3, new byte[] { 3 });
        var read = await NewJournal().ReadAsync(stream);
        Assert.Equal(3, read.Snapshot?.Version);
        Assert.Equal(["d"], Texts(read));
    }

    [Fact]
    public async Task AnOlderSnapshotDoesNotReplaceANewerOne()
    {
        var stream = NewStream();
        var journal = NewJournal();
        await journal.AppendAsync(stream, 0, Batch("a"));
        await journal.AppendAsync(stream, 1, Batch("b"));
        await journal.WriteSnapshotAsync(stream, 2, new byte[] { 2 });
        await NewJournal().WriteSnapshotAsync(stream, 1, new byte[] { 1 });

        var read = await NewJournal().ReadAsync(stream);
        Assert.Equal(2, read.Snapshot?.Version);
        Assert.Equal(new byte[] { 2 }, read.Snapshot!.State.ToArray());
        Assert.Empty(read.Events);
    }

    [Fact]
    public async Task StreamsWhoseNamesLookAlikeStayApart()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var names = new[] { $"a/b{suffix}", $"a~2Fb{suffix}", $"a b{suffix}", $"ä/b{suffix}", $"a.b{suffix}", $".ab{suffix}" };
        var journal = NewJournal();
        foreach (var name in names) await journal.AppendAsync(name, 0, Batch(name));
        foreach (var name in names) Assert.Equal([name], Texts(await NewJournal().ReadAsync(name)));
    }

    [Fact]
    public async Task BadAppendsAreRefusedSayingWhatWasWrong()
    {
        var journal = NewJournal();
        var stream = NewStream();
        var one = Batch("a");

        Assert.Contains("at least one event", (await Assert.ThrowsAsync<ArgumentException>(() => journal.AppendAsync(stream, 0, []))).Message, StringComparison.Ordinal);
        Assert.Contains("appears twice", (await Assert.ThrowsAsync<ArgumentException>(() => journal.AppendAsync(stream, 0, [one[0], one[0]]))).Message, StringComparison.Ordinal);
        Assert.Contains("empty id", (await Assert.ThrowsAsync<ArgumentException>(() => journal.AppendAsync(stream, 0, [new JournalRecord(Guid.Empty, new byte[1])]))).Message, StringComparison.Ordinal);
        Assert.Contains("0 or more", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => journal.AppendAsync(stream, -1, one))).Message, StringComparison.Ordinal);
        Assert.Contains("non-empty", (await Assert.ThrowsAsync<ArgumentException>(() => journal.AppendAsync("", 0, one))).Message, StringComparison.Ordinal);
        Assert.Contains("non-empty", (await Assert.ThrowsAsync<ArgumentException>(() => journal.ReadAsync(""))).Message, StringComparison.Ordinal);

        var tooLarge = new List<JournalRecord> { new(Guid.NewGuid(), new byte[MaxBatchBytes]) };
        var large = await Assert.ThrowsAsync<ArgumentException>(() => journal.AppendAsync(stream, 0, tooLarge));
        Assert.Contains($"'{stream}'", large.Message, StringComparison.Ordinal);
        Assert.Contains($"limit of {MaxBatchBytes:N0} bytes", large.Message, StringComparison.Ordinal);

        Assert.Equal(0, (await NewJournal().ReadAsync(stream)).Version);
        var fits = new List<JournalRecord> { new(Guid.NewGuid(), new byte[MaxBatchBytes - 44]) };
        Assert.Equal(1, await journal.AppendAsync(stream, 0, fits));
        Assert.Equal(MaxBatchBytes - 44, (await NewJournal().ReadAsync(stream)).Events[0].Payload.Length);
    }

    protected static string NewStream() => $"contract/{Guid.NewGuid():N}";

    /// <summary>A batch of events whose payloads are the texts, padded to <see cref="PayloadBytes"/> when shorter.</summary>
    protected static List<JournalRecord> Batch(params string[] texts) =>
        texts.Select(t => new JournalRecord(Guid.NewGuid(), Encoding.UTF8.GetBytes(t.PadRight(PayloadBytes, '.')))).ToList();

    protected static string[] Texts(JournalRead read) => read.Events.Select(e => Encoding.UTF8.GetString(e.Payload.Span).TrimEnd('.')).ToArray();

    protected static string Text(int number) => $"event-{number}";
}
