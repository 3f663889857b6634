using System.Collections.Concurrent;

namespace Lens.Hub.Tests.Fake;

/// <summary>What the fake hub does wrong on purpose, per file name.</summary>
public sealed class HubFaults
{
    private readonly ConcurrentDictionary<string, long> _cutOnce = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _cutAlways = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _corrupt = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _claimedSize = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, HeldDownload> _held = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (int Status, int Times)> _failures = new(StringComparer.Ordinal);

    /// <summary>Drops the connection once the file's bytes up to this offset were sent, on the next download only.</summary>
    public void CutOnce(string file, long afterBytes) => _cutOnce[file] = afterBytes;

    /// <summary>Drops every download of the file at this offset, until <see cref="Heal"/>.</summary>
    public void CutAlways(string file, long afterBytes) => _cutAlways[file] = afterBytes;

    /// <summary>Serves the file with one byte flipped (same length), until <see cref="Heal"/>.</summary>
    public void Corrupt(string file) => _corrupt[file] = true;

    /// <summary>Announces this size in the HEAD answer instead of the real one.</summary>
    public void ClaimSize(string file, long size) => _claimedSize[file] = size;

    /// <summary>Answers the next <paramref name="times"/> downloads of the file with <paramref name="status"/> (a 5xx, say) and no body.</summary>
    public void Fail(string file, int status, int times) => _failures[file] = (status, times);

    /// <summary>Holds the next download of the file before its first byte until released.</summary>
    public HeldDownload Hold(string file) => _held[file] = new HeldDownload();

    /// <summary>Answers Range requests with the whole file (200), as some mirrors and proxies do.</summary>
    public bool IgnoreRange { get; set; }

    public void Heal() { _cutOnce.Clear(); _cutAlways.Clear(); _corrupt.Clear(); _claimedSize.Clear(); _failures.Clear(); IgnoreRange = false; }

    internal long? TakeCut(string file) =>
        _cutOnce.TryRemove(file, out var once) ? once : _cutAlways.TryGetValue(file, out var always) ? always : null;

    internal Task WaitIfHeld(string file) => _held.TryRemove(file, out var held) ? held.WaitAsync() : Task.CompletedTask;

    internal int? TakeFailure(string file)
    {
        if (!_failures.TryGetValue(file, out var failure)) return null;
        if (failure.Times <= 1) _failures.TryRemove(file, out _);
        else _failures[file] = (failure.Status, failure.Times - 1);
        return failure.Status;
    }

    internal bool IsCorrupt(string file) => _corrupt.ContainsKey(file);

    internal long? ClaimedSize(string file) => _claimedSize.TryGetValue(file, out var size) ? size : null;
}
