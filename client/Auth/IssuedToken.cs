namespace Lens.Client.Auth;

/// <summary>A freshly signed access token.</summary>
public sealed record IssuedToken(string Token, string User, DateTimeOffset ExpiresAt);
