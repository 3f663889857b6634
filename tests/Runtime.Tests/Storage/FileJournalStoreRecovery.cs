using Lens.Runtime.Storage.File;

namespace Lens.Runtime.Tests.Storage;

/// <summary>A store as a restarted process sees it: no in-process index, every file scanned from the start.</summary>
internal sealed class FileJournalStoreRecovery
{
    public FileJournalStoreRecovery(string root)
    {
        FileJournalStore.ForgetIndexes();
        Store = new FileJournalStore(root);
    }

    public FileJournalStore Store { get; }
}
