namespace Lens.Storage.Journals;

/// <summary>Stored journal bytes fail their checksum or break the version sequence somewhere other than a torn tail.</summary>
public sealed class JournalCorruptException(string stream, string where, string what)
    : Exception($"Journal stream '{stream}' is corrupt at {where}: {what}.")
{
    /// <summary>The stream concerned.</summary>
    public string Stream { get; } = stream;
}
