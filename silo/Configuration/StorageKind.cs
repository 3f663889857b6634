namespace Lens.Silo.Configuration;

/// <summary>Where the cluster keeps grain state, journals, reminders and (for Azure) membership: LENS_STORAGE.</summary>
public enum StorageKind
{
    /// <summary>Files under LENS_DATA_DIR; one silo, localhost clustering (the embedded default).</summary>
    File,

    /// <summary>Azure Storage (or Azurite) at LENS_AZURE_CONNECTION; any number of silos and clients.</summary>
    Azure,
}
