using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lens.Client.Auth;

/// <summary>
/// Issues and checks access tokens: <c>v1.&lt;payload&gt;.&lt;signature&gt;</c>, the payload base64url JSON
/// <c>{"sub":user,"exp":unix seconds}</c> and the signature its HMAC-SHA256 under the shared key, so any web process
/// holding the key can check a token another one issued.
/// </summary>
public sealed class AccessTokens(AuthKey key, TimeProvider time, TimeSpan lifetime)
{
    private const string Version = "v1";

    /// <summary>How long a token stays valid.</summary>
    public TimeSpan Lifetime => lifetime;

    /// <summary>A token for <paramref name="user"/>, valid for <see cref="Lifetime"/> from now.</summary>
    public IssuedToken Issue(string user)
    {
        var expires = time.GetUtcNow() + lifetime;
        var payload = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new TokenPayload(user, expires.ToUnixTimeSeconds())));
        return new IssuedToken($"{Version}.{payload}.{Sign(payload)}", user, expires);
    }

    /// <summary>The user a token names, or why it is refused.</summary>
    public TokenCheck Check(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3 || parts[0] != Version)
            return TokenCheck.Refused("The access token is malformed: expected v1.<payload>.<signature> as issued by POST /api/auth/sign-in.");
        if (!Base64Url.IsValid(parts[2]) || !CryptographicOperations.FixedTimeEquals(Base64Url.DecodeFromChars(parts[2]), Base64Url.DecodeFromChars(Sign(parts[1]))))
            return TokenCheck.Refused("The access token's signature is not valid here: it was altered or signed with another key.");
        TokenPayload? payload;
        try
        {
            payload = JsonSerializer.Deserialize<TokenPayload>(Base64Url.DecodeFromChars(parts[1]));
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            return TokenCheck.Refused("The access token's payload is unreadable.");
        }
        if (payload is null || string.IsNullOrEmpty(payload.Sub))
            return TokenCheck.Refused("The access token names no user.");
        var expires = DateTimeOffset.FromUnixTimeSeconds(payload.Exp);
        return expires <= time.GetUtcNow()
            ? TokenCheck.Refused($"The access token expired at {expires:u}; sign in again.")
            : TokenCheck.Accepted(payload.Sub);
    }

    private string Sign(string payload) => Base64Url.EncodeToString(HMACSHA256.HashData(key.Bytes, Encoding.ASCII.GetBytes(payload)));

    private sealed record TokenPayload([property: JsonPropertyName("sub")] string Sub, [property: JsonPropertyName("exp")] long Exp);
}
