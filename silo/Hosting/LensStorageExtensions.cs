using Lens.Silo.Configuration;

namespace Lens.Silo.Hosting;

/// <summary>Grain storage and reminders per LENS_STORAGE.</summary>
public static class LensStorageExtensions
{
    /// <summary>Registers the default grain storage and the reminder service.</summary>
    public static ISiloBuilder AddLensStorage(this ISiloBuilder silo, LensSettings settings) => settings.Storage switch
    {
        // Until the project's file store is merged: memory (a restart loses grain state).
        StorageKind.File => silo.AddMemoryGrainStorageAsDefault().UseInMemoryReminderService(),
        _ => silo
            .AddAzureBlobGrainStorageAsDefault(o => o.BlobServiceClient = AzureClients.Blobs(settings.AzureConnection!))
            .UseAzureTableReminderService(o => o.TableServiceClient = AzureClients.Tables(settings.AzureConnection!)),
    };
}
