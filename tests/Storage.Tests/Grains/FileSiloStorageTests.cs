using Lens.Storage.Hosting;
using Lens.Storage.Journals;
using Lens.Storage.Journals.File;
using Lens.Tests;

namespace Lens.Storage.Tests.Grains;

/// <summary>The silo storage contract with <c>AddLensFileStorage</c> (the embedded mode).</summary>
public sealed class FileSiloStorageTests : SiloStorageContract, IDisposable
{
    private readonly TempDirectory _data = new();

    protected override void AddStorage(ISiloBuilder silo) => silo.AddLensFileStorage(_data.Path);

    protected override IEventJournal OpenJournal() => new FileJournal(Path.Combine(_data.Path, "journals"));

    protected override long BytesRead(IEventJournal journal) => ((FileJournal)journal).BytesRead;

    public void Dispose() => _data.Dispose();
}
