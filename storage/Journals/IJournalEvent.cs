namespace Lens.Storage.Journals;

/// <summary>
/// An event a journaled grain raises. Its id is fixed when the event is raised, so a batch resubmitted after a lost
/// response is recognised by the journal and never applied twice.
/// </summary>
public interface IJournalEvent
{
    /// <summary>Unique per event, assigned when the event is created (e.g. <c>Guid.NewGuid()</c>).</summary>
    Guid EventId { get; }
}
