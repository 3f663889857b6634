using Lens.Storage.Journals;
using Lens.Storage.Journals.File;
using Lens.Tests;

namespace Lens.Storage.Tests.Journals;

/// <summary>The journal contract on the file journal.</summary>
public sealed class FileJournalContractTests : JournalContract, IDisposable
{
    private readonly TempDirectory _folder = new();

    protected override long MaxBatchBytes => 1024 * 1024;

    protected override IEventJournal NewJournal() => new FileJournal(_folder.Path, new FileJournalOptions { MaxBatchBytes = MaxBatchBytes });

    protected override long BytesRead(IEventJournal journal) => ((FileJournal)journal).BytesRead;

    public void Dispose() => _folder.Dispose();
}
