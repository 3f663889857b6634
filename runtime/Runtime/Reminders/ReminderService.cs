using System.Collections.Concurrent;
using Lens.Runtime.Catalog;
using Lens.Runtime.Hosting;
using Lens.Runtime.Membership;
using Lens.Runtime.Messaging;
using Lens.Runtime.Placement;
using Lens.Runtime.Storage;
using Microsoft.Extensions.Logging;

namespace Lens.Runtime.Reminders;

/// <summary>
/// Durable reminders: rows in the reminder table; each silo fires the reminders in the ring ranges it owns
/// among live silos, so when a silo dies its reminders fire from the new owner at the next scan. A newly
/// owned reminder fires its latest due tick once (at-least-once, as in Orleans).
/// </summary>
internal sealed class ReminderService(IClusterStorage storage, LocalSilo silo, MembershipService membership, SiloOptions options, Func<OutboundCalls> calls, ILogger<ReminderService> logger)
{
    private static readonly GrainMethod s_receive = new(typeof(IRemindable).GetMethod(nameof(IRemindable.ReceiveReminder))!);
    private readonly ConcurrentDictionary<(string GrainId, string Name), DateTimeOffset> _lastFired = new();
    private readonly ConcurrentDictionary<(string GrainId, string Name), bool> _inFlight = new();

    public int Owned { get; private set; }

    public async Task<GrainReminder> RegisterAsync(GrainId grainId, string name, TimeSpan dueTime, TimeSpan period)
    {
        if (period <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(period), "A reminder needs a positive period.");
        var row = new ReminderRow(grainId.ToString(), grainId.StableHash(), name, DateTimeOffset.UtcNow + dueTime, period, null);
        await storage.Reminders.UpsertAsync(row);
        _lastFired.TryRemove((row.GrainId, name), out _);
        return new GrainReminder(name, row.StartAt, period);
    }

    public async Task<bool> UnregisterAsync(GrainId grainId, string name)
    {
        var rows = await storage.Reminders.ReadGrainAsync(grainId.ToString());
        return rows.FirstOrDefault(r => r.Name == name) is { ETag: { } etag } && await storage.Reminders.RemoveAsync(grainId.ToString(), name, etag);
    }

    public async Task<GrainReminder?> GetAsync(GrainId grainId, string name)
    {
        var rows = await storage.Reminders.ReadGrainAsync(grainId.ToString());
        return rows.FirstOrDefault(r => r.Name == name) is { } row ? new GrainReminder(row.Name, row.StartAt, row.Period) : null;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.ReminderScanPeriod);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            try
            {
                await ScanAsync(cancellationToken);
            }
            catch (StorageUnavailableException ex)
            {
                logger.LogWarning("Reminder scan on {Silo} failed: {Error}", silo.Id, ex.Message);
            }
        }
    }

    public async Task ScanAsync(CancellationToken cancellationToken)
    {
        if (!silo.IsActive) return;
        var ring = new HashRing(membership.View.Active.Select(r => r.SiloId));
        var rows = new List<ReminderRow>();
        foreach (var (begin, end) in ring.RangesOf(silo.Id))
            rows.AddRange(await storage.Reminders.ReadRangeAsync(begin, end, cancellationToken));
        Owned = rows.Count;
        var now = DateTimeOffset.UtcNow;
        foreach (var row in rows)
        {
            if (now < row.StartAt) continue;
            var tick = row.StartAt + row.Period * Math.Floor((now - row.StartAt) / row.Period);
            var key = (row.GrainId, row.Name);
            if (_lastFired.TryGetValue(key, out var last) && last >= tick) continue;
            if (!_inFlight.TryAdd(key, true)) continue;
            _lastFired[key] = tick;
            _ = FireAsync(row, tick, key);
        }
    }

    private async Task FireAsync(ReminderRow row, DateTimeOffset tick, (string, string) key)
    {
        try
        {
            var status = new TickStatus(row.StartAt, row.Period, tick, silo.Id);
            await calls().InvokeAsync(GrainId.Parse(row.GrainId), s_receive, [row.Name, status]);
        }
        catch (Exception ex)
        {
            logger.LogWarning("Reminder {Name} of {Grain} failed to fire from {Silo}: {Error}", row.Name, row.GrainId, silo.Id, ex.Message);
        }
        finally
        {
            _inFlight.TryRemove(key, out _);
        }
    }
}
