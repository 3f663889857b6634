using Lens.Runtime.Hosting;
using Lens.Runtime.Storage;
using Microsoft.Extensions.Logging;

namespace Lens.Runtime.Membership;

/// <summary>
/// The silo's side of the membership protocol: join, heartbeat, read the table, suspect and declare dead
/// peers (votes or lease expiry), leave. Every status write is conditional on the row's ETag and the table
/// version, so concurrent writers never lose each other's changes.
/// </summary>
internal sealed class MembershipService(IClusterStorage storage, LocalSilo silo, SiloOptions options, ILogger<MembershipService> logger)
{
    private IMembershipTable Table => storage.Membership;

    private DateTimeOffset? _healthySince;

    public ClusterView View { get; private set; } = ClusterView.Empty;

    /// <summary>Raised when the table says this silo is dead: it must stop at once (another silo may own its grains).</summary>
    public event Action? DeclaredDead;

    public async Task<ClusterView> RefreshAsync(CancellationToken cancellationToken)
    {
        var snapshot = await Table.ReadAllAsync(cancellationToken);
        var view = new ClusterView(snapshot, DateTimeOffset.UtcNow, options.DeathTimeout);
        if (view.Version >= View.Version) View = view;
        return view;
    }

    /// <summary>Whether a silo may still hold activations; re-reads the table before answering "dead" or "unknown".</summary>
    public async Task<bool> IsAliveAsync(string siloId, CancellationToken cancellationToken)
    {
        if (siloId == silo.Id) return silo.Status != SiloStatus.Dead;
        if (View.IsAlive(siloId) == true) return true;
        var view = await RefreshAsync(cancellationToken);
        if (view.IsAlive(siloId) == true) return true;
        if (view.Find(siloId) is not { } row || row.Status == SiloStatus.Dead) return false;
        // An expired lease proves death only if this silo itself has been writing heartbeats for a whole
        // lease; right after a storage outage every lease looks expired.
        return _healthySince is not { } healthy || view.ReadAt - healthy < options.DeathTimeout;
    }

    public async Task JoinAsync(CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var row = new SiloRow(silo.Id, silo.Address, SiloStatus.Joining, now, silo.StartTime, silo.Capabilities, []);
        while (true)
        {
            var view = await RefreshAsync(cancellationToken);
            if (await Table.InsertRowAsync(row, view.Snapshot.Version.Next(), cancellationToken)) break;
        }
        await SetStatusAsync(SiloStatus.Active, cancellationToken);
    }

    public async Task SetStatusAsync(SiloStatus status, CancellationToken cancellationToken)
    {
        silo.Status = status;
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var view = await RefreshAsync(cancellationToken);
            var entry = view.Snapshot.Entries.FirstOrDefault(e => e.Row.SiloId == silo.Id);
            if (entry is null || entry.Row.Status == SiloStatus.Dead) return;
            var row = entry.Row with { Status = status, HeartbeatTime = DateTimeOffset.UtcNow };
            if (await Table.UpdateRowAsync(row, entry.ETag, view.Snapshot.Version.Next(), cancellationToken))
            {
                await RefreshAsync(cancellationToken);
                return;
            }
        }
        throw new StorageConflictException($"Silo {silo.Id} could not set its status to {status}: the membership table kept changing.");
    }

    /// <summary>One round: heartbeat, read, act on what was read.</summary>
    public async Task TickAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Table.UpdateHeartbeatAsync(silo.Id, DateTimeOffset.UtcNow, cancellationToken);
        }
        catch (StorageUnavailableException)
        {
            _healthySince = null;
            throw;
        }
        _healthySince ??= DateTimeOffset.UtcNow;
        var view = await RefreshAsync(cancellationToken);
        if (view.Find(silo.Id) is { Status: SiloStatus.Dead })
        {
            logger.LogError("Silo {Silo} was declared dead by its peers; stopping.", silo.Id);
            DeclaredDead?.Invoke();
            return;
        }
        if (!silo.IsActive) return;
        foreach (var entry in view.Snapshot.Entries)
        {
            var row = entry.Row;
            if (row.SiloId == silo.Id || row.Status == SiloStatus.Dead) continue;
            // After this silo could not reach storage, everyone's heartbeat looks old; count silence only
            // from when this silo was healthy again, so an outage does not make the silos kill each other.
            var silence = view.ReadAt - (row.HeartbeatTime > _healthySince ? row.HeartbeatTime : _healthySince.Value);
            if (silence < options.SuspectAfter) continue;
            var votes = row.Suspicions.Where(v => view.ReadAt - v.Time < options.DeathTimeout && v.VoterSiloId != silo.Id).ToList();
            votes.Add(new SuspicionVote(silo.Id, view.ReadAt));
            var dead = silence >= options.DeathTimeout || votes.Count >= options.VotesForDeath;
            if (!dead && row.Suspicions.Any(v => v.VoterSiloId == silo.Id && view.ReadAt - v.Time < options.DeathTimeout)) continue;
            var updated = row with { Status = dead ? SiloStatus.Dead : row.Status, Suspicions = votes };
            if (await Table.UpdateRowAsync(updated, entry.ETag, view.Snapshot.Version.Next(), cancellationToken))
            {
                if (dead) logger.LogWarning("Silo {Silo} declared {Peer} dead after {Silence} without heartbeat ({Votes} votes).", silo.Id, row.SiloId, silence, votes.Count);
                view = await RefreshAsync(cancellationToken);
            }
            break; // one status change per round keeps the table version contention low
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.HeartbeatPeriod);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            try
            {
                await TickAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is StorageUnavailableException or StorageConflictException)
            {
                logger.LogWarning("Membership round of {Silo} failed: {Error}", silo.Id, ex.Message);
            }
        }
    }
}
