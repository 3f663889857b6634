using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lens.Client.Auth;

/// <summary>Routes <c>/api/auth</c>: the development sign-in (a name, no password) and who the token belongs to.</summary>
public static partial class AuthApi
{
    /// <summary>Maps the auth routes.</summary>
    public static RouteGroupBuilder MapAuthApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/auth");
        api.MapPost("/sign-in", SignIn);
        api.MapGet("/me", Me).RequireAuthorization();
        return api;
    }

    /// <summary>Signs <c>name</c> in: a token for the Authorization header, and the dashboard cookie.</summary>
    private static Results<Ok<SignInResponse>, ProblemHttpResult> SignIn(SignInRequest request, AccessTokens tokens, HttpContext http)
    {
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name))
            return TypedResults.Problem("The field 'name' is required: the user name to sign in as.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid request");
        if (!UserName().IsMatch(name))
            return TypedResults.Problem($"The field 'name' must be 1–64 letters, digits, '.', '_' or '-'; '{name}' is not.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid request");
        var issued = tokens.Issue(name);
        http.Response.Cookies.Append(LensAuthentication.DashboardCookie, issued.Token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Path = LensAuthentication.DashboardPath,
            Expires = issued.ExpiresAt,
        });
        return TypedResults.Ok(new SignInResponse(issued.Token, issued.User, issued.ExpiresAt));
    }

    private static Ok<UserResponse> Me(HttpContext http) => TypedResults.Ok(new UserResponse(http.User.Identity!.Name!));

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex UserName();
}
