namespace Lens.Client.Auth;

/// <summary>The sign-in body: <c>{"name": "alice"}</c>.</summary>
public sealed record SignInRequest(string? Name);
