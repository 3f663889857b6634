namespace Lens.Grains.Research;

/// <summary>How a silo runs research: where datasets are read and outputs written, and how many runs compute at once.</summary>
public sealed class ResearchOptions
{
    /// <summary>
    /// Folders a run's dataset may come from, searched in order (the analyses' built-in <c>Data</c> folder is searched
    /// last). Every silo should see the same files.
    /// </summary>
    public List<string> DatasetDirectories { get; } = [];

    /// <summary>
    /// Where runs write what is too big for their journal (capture stores, export zips), one folder per run. Every silo
    /// must see the same folder (a shared volume), since a run resumes and exports wherever it is activated next.
    /// </summary>
    public string OutputDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "lens-research");

    /// <summary>Runs computing at once on one silo; the others wait as queued (default 1: a run uses every core).</summary>
    public int MaxConcurrentRuns { get; set; } = 1;

    /// <summary>
    /// The period of the reminder that keeps an unfinished run alive: after its silo dies, the run resumes elsewhere
    /// within about this long once membership has declared the silo dead. Also lowers Orleans' minimum reminder period.
    /// </summary>
    public TimeSpan ResumeCheckPeriod { get; set; } = TimeSpan.FromSeconds(2);
}
