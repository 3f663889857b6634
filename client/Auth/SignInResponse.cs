namespace Lens.Client.Auth;

/// <summary>The sign-in answer: <c>{"token", "user", "expires_at"}</c>.</summary>
public sealed record SignInResponse(string Token, string User, DateTimeOffset ExpiresAt);
