using System.Text;
using Lens.Storage.Journals;
using Lens.Storage.Journals.File;
using Lens.Tests;

namespace Lens.Storage.Tests.Journals;

/// <summary>What only the file journal does: survive a crash mid-append, and refuse damage it cannot explain.</summary>
public sealed class FileJournalTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ATornTailFromACrashMidAppendIsCutAndTheStreamGoesOn()
    {
        const string stream = "conversation/torn";
        var journal = new FileJournal(_folder.Path);
        await journal.AppendAsync(stream, 0, Batch("a", "b"));
        await journal.AppendAsync(stream, 2, Batch("c"));
        var log = LogPath(stream);
        var intact = new FileInfo(log).Length;

        // A crash while writing event 4's frame: only its first half reached the disk.
        var frame = FrameOf(Batch("never acknowledged"), firstVersion: 4);
        await using (var file = new FileStream(log, FileMode.Append)) file.Write(frame, 0, frame.Length / 2);

        var restarted = new FileJournal(_folder.Path);
        var read = await restarted.ReadAsync(stream);
        Assert.Equal(["a", "b", "c"], Texts(read));
        Assert.Equal(1, restarted.TornTailsCut);
        Assert.Equal(intact, new FileInfo(log).Length);

        Assert.Equal(4, await restarted.AppendAsync(stream, 3, Batch("d")));
        Assert.Equal(["a", "b", "c", "d"], Texts(await new FileJournal(_folder.Path).ReadAsync(stream)));
    }

    [Fact]
    public async Task AWholeFrameWithABadChecksumAtTheEndIsATornTailToo()
    {
        const string stream = "conversation/torn-crc";
        var journal = new FileJournal(_folder.Path);
        await journal.AppendAsync(stream, 0, Batch("a"));
        var frame = FrameOf(Batch("b"), firstVersion: 2);
        frame[^1] ^= 0xFF; // the last sector never made it: right length, wrong bytes
        await using (var file = new FileStream(LogPath(stream), FileMode.Append)) file.Write(frame);

        var restarted = new FileJournal(_folder.Path);
        Assert.Equal(2, await restarted.AppendAsync(stream, 1, Batch("b2")));
        Assert.Equal(["a", "b2"], Texts(await new FileJournal(_folder.Path).ReadAsync(stream)));
        Assert.Equal(1, restarted.TornTailsCut);
    }

    [Fact]
    public async Task AJournalThatKnowsTheStreamCutsATornTailLeftByAnotherProcess()
    {
        const string stream = "conversation/torn-elsewhere";
        var journal = new FileJournal(_folder.Path);
        await journal.AppendAsync(stream, 0, Batch("a"));
        var other = new FileJournal(_folder.Path);
        await other.AppendAsync(stream, 1, Batch("b"));

        // The other process dies while writing event 3: a frame of the right length whose last bytes never arrived.
        var frame = FrameOf(Batch("lost"), firstVersion: 3);
        Array.Clear(frame, frame.Length - 8, 8);
        await using (var file = new FileStream(LogPath(stream), FileMode.Append)) file.Write(frame);

        Assert.Equal(3, await journal.AppendAsync(stream, 2, Batch("c")));
        Assert.Equal(1, journal.TornTailsCut);
        Assert.Equal(["a", "b", "c"], Texts(await other.ReadAsync(stream)));
    }

    [Fact]
    public async Task DamageInsideTheLogIsReportedNotCut()
    {
        const string stream = "conversation/damaged";
        var journal = new FileJournal(_folder.Path);
        await journal.AppendAsync(stream, 0, Batch("a"));
        await journal.AppendAsync(stream, 1, Batch("b"));
        await journal.AppendAsync(stream, 2, Batch("c"));
        var log = LogPath(stream);
        var length = new FileInfo(log).Length;
        var bytes = await File.ReadAllBytesAsync(log);
        bytes[bytes.Length / 2] ^= 0xFF; // inside the second frame's payload
        await File.WriteAllBytesAsync(log, bytes);

        var corrupt = await Assert.ThrowsAsync<JournalCorruptException>(() => new FileJournal(_folder.Path).ReadAsync(stream));
        Assert.Contains(log, corrupt.Message, StringComparison.Ordinal);
        Assert.Contains("intact frames follow", corrupt.Message, StringComparison.Ordinal);
        Assert.Equal(length, new FileInfo(log).Length);
    }

    [Fact]
    public async Task ADamagedSnapshotIsIgnoredAndTheLogReadFromTheStart()
    {
        const string stream = "conversation/bad-snapshot";
        var journal = new FileJournal(_folder.Path);
        await journal.AppendAsync(stream, 0, Batch("a"));
        await journal.AppendAsync(stream, 1, Batch("b"));
        await journal.WriteSnapshotAsync(stream, 1, Encoding.UTF8.GetBytes("state"));
        var snapshot = Path.Combine(_folder.Path, SafeName.Escape(stream) + ".snap");
        var bytes = await File.ReadAllBytesAsync(snapshot);
        bytes[^1] ^= 0xFF;
        await File.WriteAllBytesAsync(snapshot, bytes);

        var read = await new FileJournal(_folder.Path).ReadAsync(stream);
        Assert.Null(read.Snapshot);
        Assert.Equal(["a", "b"], Texts(read));
    }

    [Fact]
    public async Task AFolderThatCannotBeWrittenIsUnavailableNamingTheFolder()
    {
        var blocked = Path.Combine(_folder.Path, "blocked");
        var journal = new FileJournal(blocked);
        Directory.Delete(blocked);
        await File.WriteAllTextAsync(blocked, "a file where the folder was");

        var unavailable = await Assert.ThrowsAsync<JournalUnavailableException>(() => journal.AppendAsync("s", 0, Batch("a")));
        Assert.Contains($"at {blocked}", unavailable.Message, StringComparison.Ordinal);
        Assert.Contains("append to stream 's'", unavailable.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JournalsSharingAFolderLoseNoAcknowledgedAppend()
    {
        // Separate instances share nothing in memory (as separate processes would): only the OS file lock orders them.
        const string stream = "conversation/shared-folder";
        var journals = Enumerable.Range(0, 4).Select(_ => new FileJournal(_folder.Path)).ToArray();
        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            var journal = journals[w % journals.Length];
            long version = 0;
            for (var i = 0; i < 25; i++)
            {
                var text = $"w{w}-{i}";
                var batch = Batch(text);
                while (true)
                {
                    try
                    {
                        version = await journal.AppendAsync(stream, version, batch);
                        acknowledged.Add(text);
                        break;
                    }
                    catch (JournalConflictException conflict)
                    {
                        version = conflict.ActualVersion;
                    }
                }
            }
        })));

        var read = await new FileJournal(_folder.Path).ReadAsync(stream);
        Assert.Equal(200, read.Version);
        Assert.Equal(acknowledged.Order(StringComparer.Ordinal), Texts(read).Order(StringComparer.Ordinal));
        Assert.Equal(Enumerable.Range(1, 200).Select(v => (long)v), read.Events.Select(e => e.Version));
    }

    [Fact]
    public async Task AStreamLockedByAnotherProcessIsWaitedForThenReportedUnavailable()
    {
        const string stream = "conversation/locked";
        var journal = new FileJournal(_folder.Path, new FileJournalOptions { LockTimeout = TimeSpan.FromSeconds(1) });
        await journal.AppendAsync(stream, 0, Batch("a"));
        var lockPath = Path.Combine(_folder.Path, SafeName.Escape(stream) + ".lock");

        // What another process holding the stream does: an exclusive OS lock on the lock file.
        var held = new FileStream(lockPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        var timedOut = await Assert.ThrowsAsync<JournalUnavailableException>(() => journal.AppendAsync(stream, 1, Batch("b")));
        Assert.Contains("stayed locked by another process for 1 s", timedOut.Message, StringComparison.Ordinal);

        var waiting = new FileJournal(_folder.Path).AppendAsync(stream, 1, Batch("c"));
        await Task.Delay(300);
        Assert.False(waiting.IsCompleted, "an append went ahead while another process held the stream's lock");
        await held.DisposeAsync();
        Assert.Equal(2, await waiting);
        Assert.Equal(["a", "c"], Texts(await new FileJournal(_folder.Path).ReadAsync(stream)));
    }

    private string LogPath(string stream) => Path.Combine(_folder.Path, SafeName.Escape(stream) + ".log");

    private static byte[] FrameOf(List<JournalRecord> batch, long firstVersion)
    {
        // The same bytes a journal would write, from a journal in a scratch folder.
        using var scratch = new TempDirectory();
        var journal = new FileJournal(scratch.Path);
        for (var v = 0L; v < firstVersion - 1; v++) journal.AppendAsync("scratch", v, Batch("x")).GetAwaiter().GetResult();
        var before = new FileInfo(Path.Combine(scratch.Path, "scratch.log")).Exists ? new FileInfo(Path.Combine(scratch.Path, "scratch.log")).Length : 0;
        journal.AppendAsync("scratch", firstVersion - 1, batch).GetAwaiter().GetResult();
        return File.ReadAllBytes(Path.Combine(scratch.Path, "scratch.log"))[(int)before..];
    }

    private static List<JournalRecord> Batch(params string[] texts) =>
        texts.Select(t => new JournalRecord(Guid.NewGuid(), Encoding.UTF8.GetBytes(t))).ToList();

    private static string[] Texts(JournalRead read) => read.Events.Select(e => Encoding.UTF8.GetString(e.Payload.Span)).ToArray();
}
