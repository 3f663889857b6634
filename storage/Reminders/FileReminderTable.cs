using System.Text.Json;
using Lens.Storage.Files;

namespace Lens.Storage.Reminders;

/// <summary>
/// Reminders for the embedded mode: every row in one JSON file (<c>reminders.json</c>), replaced atomically under a
/// file lock on each change, so a restart or a crash loses no acknowledged reminder. Reminders are few, and each
/// change is a rare grain call, so rewriting the small file is cheap.
/// </summary>
public sealed class FileReminderTable : IReminderTable
{
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _path;

    /// <summary>Creates the table in <paramref name="directory"/> (created if missing).</summary>
    public FileReminderTable(string directory)
    {
        Directory = Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(Directory);
        _path = Path.Combine(Directory, "reminders.json");
    }

    /// <summary>The folder holding <c>reminders.json</c>.</summary>
    public string Directory { get; }

    /// <inheritdoc />
    public Task Init() => Task.CompletedTask;

    /// <inheritdoc />
    public async Task<ReminderTableData> ReadRows(GrainId grainId)
    {
        var key = grainId.ToString();
        return Table((await ReadAsync()).Where(r => r.GrainId == key));
    }

    /// <inheritdoc />
    public async Task<ReminderTableData> ReadRows(uint begin, uint end) =>
        Table((await ReadAsync()).Where(r => InRange(Orleans.Runtime.GrainId.Parse(r.GrainId).GetUniformHashCode(), begin, end)));

    /// <inheritdoc />
    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName)
    {
        var key = grainId.ToString();
        var row = (await ReadAsync()).FirstOrDefault(r => r.GrainId == key && r.Name == reminderName);
        return row is null ? null : Entry(row);
    }

    /// <inheritdoc />
    public Task<string?> UpsertRow(ReminderEntry entry) => ChangeAsync<string?>($"upsert reminder '{entry.ReminderName}' of {entry.GrainId}", rows =>
    {
        var key = entry.GrainId.ToString();
        var etag = Guid.NewGuid().ToString("N");
        rows.RemoveAll(r => r.GrainId == key && r.Name == entry.ReminderName);
        rows.Add(new ReminderRecord(key, entry.ReminderName, entry.StartAt, entry.Period, etag));
        return (true, etag);
    });

    /// <inheritdoc />
    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) => ChangeAsync($"remove reminder '{reminderName}' of {grainId}", rows =>
    {
        var key = grainId.ToString();
        var removed = rows.RemoveAll(r => r.GrainId == key && r.Name == reminderName && r.ETag == eTag) > 0;
        return (removed, removed);
    });

    /// <inheritdoc />
    public Task TestOnlyClearTable() => ChangeAsync("clear the reminders", rows =>
    {
        rows.Clear();
        return (true, true);
    });

    // The ring range (begin, end] of uniform hash codes; begin >= end wraps around (begin == end is the whole ring).
    private static bool InRange(uint hash, uint begin, uint end) => begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;

    private static ReminderTableData Table(IEnumerable<ReminderRecord> rows) => new(rows.Select(Entry));

    private static ReminderEntry Entry(ReminderRecord row) => new()
    {
        GrainId = Orleans.Runtime.GrainId.Parse(row.GrainId),
        ReminderName = row.Name,
        StartAt = row.StartAt,
        Period = row.Period,
        ETag = row.ETag,
    };

    private async Task<List<ReminderRecord>> ReadAsync()
    {
        try
        {
            var bytes = await AtomicFile.ReadAsync(_path, CancellationToken.None);
            return bytes is null ? [] : JsonSerializer.Deserialize<List<ReminderRecord>>(bytes) ?? [];
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Reminder file '{_path}' is not valid JSON: {e.Message}", e);
        }
    }

    private async Task<T> ChangeAsync<T>(string operation, Func<List<ReminderRecord>, (bool Changed, T Result)> change)
    {
        try
        {
            await using var _ = await FileLock.AcquireAsync(_path + ".lock", _gate, LockTimeout, CancellationToken.None);
            var rows = await ReadAsync();
            var (changed, result) = change(rows);
            if (changed) await AtomicFile.WriteAsync(_path, JsonSerializer.SerializeToUtf8Bytes(rows), CancellationToken.None);
            return result;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or TimeoutException)
        {
            throw new IOException($"File reminder table: could not {operation} in '{_path}': {e.Message}", e);
        }
    }
}
