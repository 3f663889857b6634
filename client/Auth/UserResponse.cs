namespace Lens.Client.Auth;

/// <summary>Who a token belongs to: <c>{"user"}</c>.</summary>
public sealed record UserResponse(string User);
