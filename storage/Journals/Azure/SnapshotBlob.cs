using System.Globalization;
using System.IO.Hashing;

namespace Lens.Storage.Journals.Azure;

/// <summary>
/// A snapshot as a block blob: the state as content, and in metadata its version, where the frames after it start
/// (segment and byte offset) and the state's crc32. A blob whose crc does not match counts as no snapshot.
/// </summary>
internal sealed record SnapshotBlob(long Version, JournalPosition TailStart, ReadOnlyMemory<byte> State)
{
    private const string VersionKey = "version";
    private const string SegmentKey = "segment";
    private const string OffsetKey = "offset";
    private const string CrcKey = "crc";

    public Dictionary<string, string> Metadata() => new()
    {
        [VersionKey] = Version.ToString(CultureInfo.InvariantCulture),
        [SegmentKey] = TailStart.Segment.ToString(CultureInfo.InvariantCulture),
        [OffsetKey] = TailStart.Offset.ToString(CultureInfo.InvariantCulture),
        [CrcKey] = Crc32.HashToUInt32(State.Span).ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The version recorded in a snapshot blob's metadata, or null without one.</summary>
    public static long? VersionOf(IDictionary<string, string> metadata) =>
        metadata.TryGetValue(VersionKey, out var text) && long.TryParse(text, CultureInfo.InvariantCulture, out var version) ? version : null;

    /// <summary>Where the frames after the snapshot start, from its metadata alone (no download of the state).</summary>
    public static JournalPosition? TailStartOf(IDictionary<string, string> metadata) =>
        VersionOf(metadata) is { } version && metadata.TryGetValue(SegmentKey, out var segment) && metadata.TryGetValue(OffsetKey, out var offset)
        && int.TryParse(segment, CultureInfo.InvariantCulture, out var s) && long.TryParse(offset, CultureInfo.InvariantCulture, out var o)
            ? new JournalPosition(version, s, o)
            : null;

    public static SnapshotBlob? From(IDictionary<string, string> metadata, ReadOnlyMemory<byte> state)
    {
        if (VersionOf(metadata) is not { } version
            || !metadata.TryGetValue(SegmentKey, out var segment) || !metadata.TryGetValue(OffsetKey, out var offset)
            || !metadata.TryGetValue(CrcKey, out var crc)
            || crc != Crc32.HashToUInt32(state.Span).ToString(CultureInfo.InvariantCulture))
        {
            return null;
        }
        return new SnapshotBlob(version, new JournalPosition(version, int.Parse(segment, CultureInfo.InvariantCulture), long.Parse(offset, CultureInfo.InvariantCulture)), state);
    }
}
