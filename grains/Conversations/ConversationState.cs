using Lens.GrainInterfaces.Conversations;

namespace Lens.Grains.Conversations;

/// <summary>A conversation folded from its events: owner, model, messages with their token spans, every token.</summary>
[GenerateSerializer]
public sealed class ConversationState
{
    // Titles made from the first message are cut here.
    private const int TitleLength = 48;

    [Id(0)] public string Owner { get; set; } = "";
    [Id(1)] public string Model { get; set; } = "";
    [Id(2)] public string Title { get; set; } = "";
    [Id(3)] public DateTimeOffset Created { get; set; }
    [Id(4)] public bool Deleted { get; set; }
    [Id(5)] public List<MessageView> Messages { get; set; } = [];
    [Id(6)] public List<int> Ids { get; set; } = [];
    [Id(7)] public List<string> Texts { get; set; } = [];
    [Id(8)] public List<string> Roles { get; set; } = [];
    /// <summary>Each recorded turn by its id: the index of its user message and why its answer ended.</summary>
    [Id(9)] public Dictionary<Guid, RecordedTurn> TurnsById { get; set; } = [];

    public bool Started => Owner.Length > 0;
    public int Turns => Messages.Count(m => m.Role == "user");

    public void Apply(ConversationEvent e)
    {
        switch (e)
        {
            case ConversationStarted s:
                (Owner, Model, Title, Created) = (s.Owner, s.Model, s.Title, s.Created);
                break;
            case TurnRecorded t:
                if (Title.Length == 0) Title = t.Message.Length <= TitleLength ? t.Message : t.Message[..TitleLength] + "…";
                TurnsById[t.EventId] = new RecordedTurn(Messages.Count, t.FinishReason);
                Add("user", t.Message, t.PromptIds, t.PromptTexts);
                Add("assistant", t.Response, t.ResponseIds, t.ResponseTexts);
                break;
            case ConversationDeleted:
                Deleted = true;
                break;
        }
    }

    private void Add(string role, string content, int[] ids, string[] texts)
    {
        Messages.Add(new MessageView(role, content, Ids.Count, Ids.Count + ids.Length));
        Ids.AddRange(ids);
        Texts.AddRange(texts);
        Roles.AddRange(Enumerable.Repeat(role, ids.Length));
    }

    public TokenView Token(int position) => new(position, Ids[position], Texts[position], Roles[position]);
}

/// <summary>Where a recorded turn is: the index of its user message (the answer follows it), and why the answer ended.</summary>
[GenerateSerializer]
public sealed record RecordedTurn([property: Id(0)] int UserMessage, [property: Id(1)] string FinishReason);
