namespace Lens.Hub;

/// <summary>How far the download of one file of a model has got.</summary>
/// <param name="Repo">The repository, <c>org/name</c>.</param>
/// <param name="File">The file's name in the repository.</param>
/// <param name="BytesDone">Bytes on disk so far, including those kept from an earlier, interrupted download.</param>
/// <param name="TotalBytes">The file's size.</param>
public readonly record struct HubProgress(string Repo, string File, long BytesDone, long TotalBytes)
{
    public bool IsComplete => BytesDone == TotalBytes;
}
