namespace Lens.GrainInterfaces.Conversations;

/// <summary>Bounds on what one chat turn may ask for.</summary>
public static class ConversationLimits
{
    /// <summary>Longest user message, in characters.</summary>
    public const int MaxMessageChars = 8_000;

    /// <summary>Most tokens one turn may generate.</summary>
    public const int MaxNewTokens = 1_024;

    /// <summary>Longest title, in characters.</summary>
    public const int MaxTitleChars = 200;
}
