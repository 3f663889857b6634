using Lens.Runtime.Catalog;
using Lens.Runtime.Membership;
using Lens.Runtime.Reminders;
using Lens.Runtime.Storage;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lens.Runtime.Hosting;

/// <summary>
/// Starts the silo once Kestrel is listening (its address is known only then): join membership, start the
/// heartbeat, collector and reminder loops. On stop: leave gracefully (deactivate grains, mark dead) unless killed.
/// </summary>
internal sealed class SiloLifecycle(
    LocalSilo silo,
    SiloOptions options,
    IServer server,
    MembershipService membership,
    ActivationCatalog catalog,
    ActivationCollector collector,
    ReminderService reminders,
    IHostApplicationLifetime lifetime,
    ILogger<SiloLifecycle> logger) : IHostedLifecycleService
{
    private readonly List<Task> _loops = [];

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        var bound = new Uri(server.Features.Get<IServerAddressesFeature>()!.Addresses.First());
        // Listening on all interfaces says nothing about how peers reach us: advertise the host name then.
        silo.Bind(options.AdvertisedHost ?? (options.Host is "0.0.0.0" or "*" ? System.Net.Dns.GetHostName() : options.Host), bound.Port);
        membership.DeclaredDead += () =>
        {
            Kill();
            lifetime.StopApplication();
        };
        await membership.JoinAsync(cancellationToken);
        _loops.Add(Loop(membership.RunAsync));
        _loops.Add(Loop(collector.RunAsync));
        _loops.Add(Loop(reminders.RunAsync));
        logger.LogInformation("Silo {Silo} active at {Address} with capabilities [{Capabilities}].", silo.Id, silo.Address, string.Join(", ", silo.Capabilities));
    }

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        if (silo.IsKilled || silo.Id.Length == 0) return;
        try
        {
            await membership.SetStatusAsync(SiloStatus.ShuttingDown, cancellationToken);
            await catalog.DeactivateAllAsync(DeactivationReason.SiloShutdown).WaitAsync(options.ShutdownTimeout, cancellationToken);
            await membership.SetStatusAsync(SiloStatus.Dead, cancellationToken);
        }
        catch (Exception ex)
        {
            logger.LogWarning("Graceful shutdown of {Silo} incomplete: {Error}", silo.Id, ex.Message);
        }
        silo.EndLifetime();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        silo.EndLifetime();
        await Task.WhenAll(_loops).WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    /// <summary>Dies like a killed process: no grain code, no storage writes, no goodbye.</summary>
    public void Kill()
    {
        silo.Kill();
        catalog.AbandonAll();
    }

    private Task Loop(Func<CancellationToken, Task> body) => Task.Run(async () =>
    {
        try
        {
            await body(silo.Lifetime);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "A background loop of silo {Silo} failed.", silo.Id);
        }
    });
}
