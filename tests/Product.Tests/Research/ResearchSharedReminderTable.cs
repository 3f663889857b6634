using Orleans.Runtime;

namespace Lens.Product.Tests.Research;

/// <summary>
/// A reminder table every silo of one test cluster shares and that outlives a killed silo (Orleans' in-memory table
/// lives in a grain, which dies with its silo). Rows are copied in and out so no silo holds another's objects.
/// </summary>
internal sealed class ResearchSharedReminderTable : IReminderTable
{
    private readonly Dictionary<(GrainId, string), ReminderEntry> _rows = [];

    public Task<ReminderTableData> ReadRows(GrainId grainId)
    {
        lock (_rows) return Task.FromResult(new ReminderTableData(_rows.Values.Where(r => r.GrainId == grainId).Select(Copy).ToList()));
    }

    public Task<ReminderTableData> ReadRows(uint begin, uint end)
    {
        lock (_rows) return Task.FromResult(new ReminderTableData(_rows.Values.Where(r => InRange(r.GrainId.GetUniformHashCode(), begin, end)).Select(Copy).ToList()));
    }

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName)
    {
        lock (_rows) return Task.FromResult(_rows.TryGetValue((grainId, reminderName), out var row) ? Copy(row) : (ReminderEntry?)null);
    }

    public Task<string?> UpsertRow(ReminderEntry entry)
    {
        var row = Copy(entry);
        row.ETag = Guid.NewGuid().ToString("N");
        lock (_rows) _rows[(entry.GrainId, entry.ReminderName)] = row;
        return Task.FromResult<string?>(row.ETag);
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        lock (_rows)
        {
            if (!_rows.TryGetValue((grainId, reminderName), out var row) || row.ETag != eTag) return Task.FromResult(false);
            return Task.FromResult(_rows.Remove((grainId, reminderName)));
        }
    }

    public Task TestOnlyClearTable()
    {
        lock (_rows) _rows.Clear();
        return Task.CompletedTask;
    }

    // The ring range (begin, end] wraps around when begin ≥ end, as Orleans' ranges do.
    private static bool InRange(uint hash, uint begin, uint end) => begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;

    private static ReminderEntry Copy(ReminderEntry r) => new()
    {
        GrainId = r.GrainId, ReminderName = r.ReminderName, StartAt = r.StartAt, Period = r.Period, ETag = r.ETag,
    };
}
