namespace Lens.Runtime.Storage.File;

/// <summary>The reminder table as one JSON file (reminders are few and change rarely).</summary>
public sealed class FileReminderTable(string root, bool durable = true) : IReminderTable
{
    private readonly FileDocument<ReminderDocument> _document = new(Path.Combine(root, "reminders.json"), durable);

    /// <inheritdoc />
    public async Task<IReadOnlyList<ReminderRow>> ReadGrainAsync(string grainId, CancellationToken cancellationToken = default) =>
        (await _document.ReadAsync(cancellationToken)).Rows.Where(r => r.GrainId == grainId).ToList();

    /// <inheritdoc />
    public async Task<IReadOnlyList<ReminderRow>> ReadRangeAsync(uint begin, uint end, CancellationToken cancellationToken = default) =>
        (await _document.ReadAsync(cancellationToken)).Rows.Where(r => RingRange.Contains(begin, end, r.GrainHash)).ToList();

    /// <inheritdoc />
    public async Task<IReadOnlyList<ReminderRow>> ReadAllAsync(CancellationToken cancellationToken = default) =>
        (await _document.ReadAsync(cancellationToken)).Rows;

    /// <inheritdoc />
    public Task<string> UpsertAsync(ReminderRow row, CancellationToken cancellationToken = default) =>
        _document.UpdateAsync(d =>
        {
            d.Rows.RemoveAll(r => r.GrainId == row.GrainId && r.Name == row.Name);
            var stored = row with { ETag = Guid.NewGuid().ToString("N") };
            d.Rows.Add(stored);
            return (true, stored.ETag!);
        }, cancellationToken);

    /// <inheritdoc />
    public Task<bool> RemoveAsync(string grainId, string name, string etag, CancellationToken cancellationToken = default) =>
        _document.UpdateAsync(d =>
        {
            var removed = d.Rows.RemoveAll(r => r.GrainId == grainId && r.Name == name && r.ETag == etag);
            return (removed > 0, removed > 0);
        }, cancellationToken);
}
