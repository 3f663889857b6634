using Lens.Silo.Configuration;
using Lens.Storage.Hosting;

namespace Lens.Silo.Hosting;

/// <summary>Grain state, event journals and reminders per LENS_STORAGE (the storage room's wiring).</summary>
public static class LensStorageExtensions
{
    /// <summary>File storage under LENS_DATA_DIR, or Azure Storage at LENS_AZURE_CONNECTION.</summary>
    public static ISiloBuilder AddLensStorage(this ISiloBuilder silo, LensSettings settings) => settings.Storage switch
    {
        StorageKind.File => silo.AddLensFileStorage(settings.DataDirectory),
        _ => silo.AddLensAzureStorage(settings.AzureConnection!),
    };
}
