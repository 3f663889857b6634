using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Lens.Hub;

/// <summary>
/// A model on the hub, <c>org/name[@revision]</c>: the repository and the revision asked for (a branch, a tag or a
/// commit; <see cref="DefaultRevision"/> when none is given).
/// </summary>
public sealed partial record HubModelId(string Repo, string Revision)
{
    /// <summary>The branch used when the id names no revision, as on the hub.</summary>
    public const string DefaultRevision = "main";

    /// <summary><c>models--org--name</c>: the repository's folder in the hub cache, as huggingface_hub names it.</summary>
    public string CacheFolderName => "models--" + Repo.Replace("/", "--", StringComparison.Ordinal);

    /// <summary>True when the revision is a full commit hash, whose files can never change.</summary>
    public bool IsCommit => CommitHash.IsValid(Revision);

    public override string ToString() => Revision == DefaultRevision ? Repo : Repo + "@" + Revision;

    /// <summary>Parses <c>org/name[@revision]</c>; false (with a reason) when the text is not of that form.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out HubModelId? id, out string reason)
    {
        id = null;
        if (string.IsNullOrWhiteSpace(text)) { reason = "the model id is empty"; return false; }
        var at = text.IndexOf('@', StringComparison.Ordinal);
        var repo = at < 0 ? text : text[..at];
        var revision = at < 0 ? DefaultRevision : text[(at + 1)..];
        var parts = repo.Split('/');
        if (parts.Length != 2 || !parts.All(IsNamePart))
        {
            reason = $"'{repo}' is not a hub repository id of the form org/name (letters, digits, '-', '_', '.'; no '--' or '..')";
            return false;
        }
        if (!IsRevision(revision))
        {
            reason = $"'{revision}' is not a revision (a branch, tag or commit: letters, digits, '-', '_', '.', '/'; no '..')";
            return false;
        }
        id = new HubModelId(repo, revision);
        reason = "";
        return true;
    }

    /// <summary>Parses <c>org/name[@revision]</c>.</summary>
    /// <exception cref="ArgumentException">The text is not a hub model id; the message says which part is wrong.</exception>
    public static HubModelId Parse(string text) =>
        TryParse(text, out var id, out var reason) ? id : throw new ArgumentException($"'{text}': {reason}", nameof(text));

    // huggingface_hub's rule for each half of a repo id: at most 96 characters, no "--" or "..", not starting or
    // ending with '-' or '.'.
    private static bool IsNamePart(string part) =>
        part.Length is > 0 and <= 96 && NamePart().IsMatch(part) && !part.Contains("--", StringComparison.Ordinal) && !part.Contains("..", StringComparison.Ordinal);

    // Revisions become paths under refs/ (refs/pr/1 included), so no segment may climb out of it.
    private static bool IsRevision(string revision) =>
        revision.Length is > 0 and <= 255 && RevisionText().IsMatch(revision) && revision.Split('/').All(s => s.Length > 0 && s != "." && s != "..");

    [GeneratedRegex(@"^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?$")]
    private static partial Regex NamePart();

    [GeneratedRegex(@"^[A-Za-z0-9_.\-/]+$")]
    private static partial Regex RevisionText();
}
