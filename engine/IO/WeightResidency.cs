namespace Lens.Engine.IO;

/// <summary>Where a model file's bytes live while the model is loaded. Either way exactly one copy stays in memory.</summary>
public enum WeightResidency
{
    /// <summary><see cref="HugePages"/> for files of at least 32 MB where the OS offers transparent huge pages, else <see cref="Mapped"/>.</summary>
    Auto,
    /// <summary>Used in place from a read-only memory map of the page cache (4 KB pages).</summary>
    Mapped,
    /// <summary>
    /// Read once into anonymous memory backed by 2 MB transparent huge pages; the file's page-cache pages are dropped
    /// as they are read. Decode streams every weight once per token, and with 4 KB pages each page costs a TLB miss —
    /// a two-level walk under virtualisation — which on VMs roughly halves the read rate of a memory map.
    /// </summary>
    HugePages,
}
