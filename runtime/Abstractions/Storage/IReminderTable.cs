namespace Lens.Runtime.Storage;

/// <summary>
/// Durable reminders. Each silo reads the rows whose <see cref="ReminderRow.GrainHash"/> falls in the
/// ring ranges it owns, so a reminder fires on whichever silo owns its range now.
/// </summary>
public interface IReminderTable
{
    /// <summary>All reminders of one grain.</summary>
    Task<IReadOnlyList<ReminderRow>> ReadGrainAsync(string grainId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reminders whose grain hash lies in the ring range (<paramref name="begin"/>, <paramref name="end"/>]:
    /// <c>begin &lt; hash &lt;= end</c> when <c>begin &lt; end</c>, otherwise the range wraps around
    /// (<c>hash &gt; begin || hash &lt;= end</c>); <c>begin == end</c> means the whole ring.
    /// </summary>
    Task<IReadOnlyList<ReminderRow>> ReadRangeAsync(uint begin, uint end, CancellationToken cancellationToken = default);

    /// <summary>Every reminder.</summary>
    Task<IReadOnlyList<ReminderRow>> ReadAllAsync(CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces the reminder (grain id + name) unconditionally; returns the new ETag.</summary>
    Task<string> UpsertAsync(ReminderRow row, CancellationToken cancellationToken = default);

    /// <summary>Deletes the reminder if its ETag equals <paramref name="etag"/>; false when it differs or is missing.</summary>
    Task<bool> RemoveAsync(string grainId, string name, string etag, CancellationToken cancellationToken = default);
}
