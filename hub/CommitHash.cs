namespace Lens.Hub;

/// <summary>A git commit as the hub names it: 40 lower-case hex digits (the snapshot folder's name).</summary>
internal static class CommitHash
{
    public static bool IsValid(string? text) => text is { Length: 40 } && text.All(char.IsAsciiHexDigitLower);
}
