namespace Lens.Engine.IO;

/// <summary>Where a model file's bytes live while the model is loaded. Either way exactly one copy stays in memory.</summary>
public enum WeightResidency
{
    /// <summary>Used in place from a read-only memory map of the page cache (4 KB pages). The default.</summary>
    Mapped,
    /// <summary><see cref="HugePages"/> for files of at least 32 MB where the OS offers transparent huge pages, else <see cref="Mapped"/>.</summary>
    Auto,
    /// <summary>
    /// Read once into anonymous memory backed by 2 MB transparent huge pages; the file's page-cache pages are dropped
    /// as they are read. Decode streams every weight once per token, so it runs at the speed of the pages under the
    /// weights: a mapped file runs at whatever pages the page cache holds (on VMs, a file just written decoded at half
    /// the speed of the same file re-read from disk), while huge pages give the fast case every time.
    /// </summary>
    HugePages,
}
