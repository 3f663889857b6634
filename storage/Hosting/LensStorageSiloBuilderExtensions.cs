using Lens.Storage.Azure;
using Lens.Storage.GrainState;
using Lens.Storage.Journals;
using Lens.Storage.Journals.Azure;
using Lens.Storage.Journals.File;
using Lens.Storage.Reminders;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Providers;
using Orleans.Runtime.Hosting;

namespace Lens.Storage.Hosting;

/// <summary>Adds the Lens storage to a silo: grain state, reminders, the event journal and the log-consistency provider.</summary>
public static class LensStorageSiloBuilderExtensions
{
    /// <summary>
    /// The embedded mode: everything in files under <paramref name="dataDirectory"/> (<c>journals/</c>,
    /// <c>grains/</c>, <c>reminders/</c>), so a restart loses nothing. Registers file grain storage as the default and
    /// as <c>"lens"</c> (one store under both names), the file journal, file reminders, and the CustomStorage
    /// log-consistency provider (default and <c>"lens"</c>, the name
    /// <see cref="Lens.Storage.EventSourcing.JournaledLensGrain{TState,TEvent}"/> asks for).
    /// </summary>
    public static ISiloBuilder AddLensFileStorage(this ISiloBuilder silo, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(silo);
        if (string.IsNullOrWhiteSpace(dataDirectory))
            throw new ArgumentException("AddLensFileStorage needs a data directory (a folder path; created if missing).", nameof(dataDirectory));
        var root = Path.GetFullPath(dataDirectory);
        var grains = Path.Combine(root, "grains");
        silo.Services.AddSingleton<IEventJournal>(_ => new FileJournal(Path.Combine(root, "journals")));
        silo.Services.AddGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, (services, name) => FileGrainStorage.Create(services, name, grains));
        silo.Services.AddGrainStorage(StorageNames.Lens, (services, name) => FileGrainStorage.Create(services, name, grains));
        silo.AddReminders();
        silo.Services.AddSingleton<IReminderTable>(_ => new FileReminderTable(Path.Combine(root, "reminders")));
        return silo.AddLensLogConsistency();
    }

    /// <summary>
    /// The cluster mode on an Azure storage account: Orleans' Azure blob grain storage (default and <c>"lens"</c>, one
    /// store in container <c>{prefix}grainstate</c>), Azure table reminders (table <c>{prefix}reminders</c>), the
    /// append-blob journal (containers <c>{prefix}journal</c>, <c>{prefix}snapshot</c>) and the CustomStorage
    /// log-consistency provider. Clustering is configured elsewhere.
    /// </summary>
    /// <param name="silo">The silo.</param>
    /// <param name="connectionString">The storage account's connection string.</param>
    /// <param name="prefix">Starts every container and table name: lowercase letters and digits ("lens" if null).</param>
    public static ISiloBuilder AddLensAzureStorage(this ISiloBuilder silo, string connectionString, string? prefix = null) =>
        silo.AddLensAzureStorage(connectionString, new AzureJournalOptions { ContainerPrefix = prefix ?? StorageNames.DefaultPrefix });

    /// <summary>As <see cref="AddLensAzureStorage(ISiloBuilder,string,string?)"/>, with the journal's settings (prefix, segment size, timeouts) given whole.</summary>
    public static ISiloBuilder AddLensAzureStorage(this ISiloBuilder silo, string connectionString, AzureJournalOptions options)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new ArgumentException("AddLensAzureStorage needs the storage account's connection string.", nameof(connectionString));
        options.Validate();
        CheckConnectionString(connectionString);
        var prefix = options.ContainerPrefix;
        silo.Services.AddSingleton<IEventJournal>(_ => new AzureAppendBlobJournal(connectionString, options));
        silo.AddAzureBlobGrainStorageAsDefault(blob => ConfigureBlob(blob, connectionString, options));
        silo.AddAzureBlobGrainStorage(StorageNames.Lens, blob => ConfigureBlob(blob, connectionString, options));
        silo.UseAzureTableReminderService(table =>
        {
            table.TableServiceClient = AzureStorageClients.Tables(connectionString, options.RequestTimeout, options.MaxRetries);
            table.TableName = prefix + "reminders";
        });
        return silo.AddLensLogConsistency();
    }

    // Fails at wiring time, not at the first grain call, and says what is wrong (the SDK parses lazily otherwise).
    private static void CheckConnectionString(string connectionString)
    {
        try
        {
            _ = new global::Azure.Storage.Blobs.BlobServiceClient(connectionString);
            _ = new global::Azure.Data.Tables.TableServiceClient(connectionString);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            throw new ArgumentException($"AddLensAzureStorage: the connection string is not a usable storage account connection string ({e.Message}).", nameof(connectionString), e);
        }
    }

    private static ISiloBuilder AddLensLogConsistency(this ISiloBuilder silo) => silo
        .AddCustomStorageBasedLogConsistencyProviderAsDefault()
        .AddCustomStorageBasedLogConsistencyProvider(StorageNames.Lens);

    private static void ConfigureBlob(Orleans.Configuration.AzureBlobStorageOptions blob, string connectionString, AzureJournalOptions options)
    {
        blob.BlobServiceClient = AzureStorageClients.Blobs(connectionString, options.RequestTimeout, options.MaxRetries);
        blob.ContainerName = options.ContainerPrefix + "grainstate";
    }
}
