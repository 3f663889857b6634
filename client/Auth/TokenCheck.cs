namespace Lens.Client.Auth;

/// <summary>The outcome of checking an access token: the user, or the reason it was refused.</summary>
public sealed record TokenCheck(string? User, string? Refusal)
{
    /// <summary>A valid token for <paramref name="user"/>.</summary>
    public static TokenCheck Accepted(string user) => new(user, null);

    /// <summary>A refused token.</summary>
    public static TokenCheck Refused(string reason) => new(null, reason);
}
