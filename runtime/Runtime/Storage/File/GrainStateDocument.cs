namespace Lens.Runtime.Storage.File;

/// <summary>File content of one grain state record.</summary>
internal sealed class GrainStateDocument
{
    public byte[]? Data { get; set; }

    public string? ETag { get; set; }
}
