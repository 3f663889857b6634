using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Lens.Client.Auth;

/// <summary>
/// Authenticates requests by access token: the <c>Authorization: Bearer</c> header; on GET requests also
/// <c>?access_token=</c>; under <c>/dashboard</c> also the <c>lens_token</c> cookie. A missing or refused token
/// answers 401 problem+json saying why.
/// </summary>
internal sealed class AccessTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AccessTokens tokens,
    IProblemDetailsService problems) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var (token, malformed) = FindToken();
        if (malformed is not null) return Task.FromResult(AuthenticateResult.Fail(malformed));
        if (token is null) return Task.FromResult(AuthenticateResult.NoResult());
        var check = tokens.Check(token);
        if (check.User is null) return Task.FromResult(AuthenticateResult.Fail(check.Refusal!));
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, check.User)], LensAuthentication.Scheme);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), LensAuthentication.Scheme)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure;
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = failure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        await WriteProblemAsync(StatusCodes.Status401Unauthorized, "Unauthorized",
            failure?.Message ?? "This route needs a signed-in user: POST /api/auth/sign-in {\"name\": ...}, then send 'Authorization: Bearer <token>'.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return WriteProblemAsync(StatusCodes.Status403Forbidden, "Forbidden", $"The user '{Context.User.Identity?.Name}' may not use this route.");
    }

    private (string? Token, string? Malformed) FindToken()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.Length > 0)
        {
            return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > 7
                ? (header[7..].Trim(), null)
                : (null, "The Authorization header must be 'Bearer <token>'.");
        }
        if (HttpMethods.IsGet(Request.Method) && Request.Query.TryGetValue(LensAuthentication.QueryParameter, out var query))
            return (query.ToString(), null);
        if (Request.Path.StartsWithSegments(LensAuthentication.DashboardPath) && Request.Cookies.TryGetValue(LensAuthentication.DashboardCookie, out var cookie))
            return (cookie, null);
        return (null, null);
    }

    private Task WriteProblemAsync(int status, string title, string detail) => problems.WriteAsync(new ProblemDetailsContext
    {
        HttpContext = Context,
        ProblemDetails = { Status = status, Title = title, Detail = detail },
    }).AsTask();
}
