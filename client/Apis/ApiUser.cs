using System.Security.Claims;

namespace Lens.Client.Apis;

/// <summary>The signed-in user of a request (the host's authentication sets the name).</summary>
public static class ApiUser
{
    public static string Id(this ClaimsPrincipal user) =>
        user.Identity?.Name is { Length: > 0 } name ? name : throw new ApiProblem(StatusCodes.Status401Unauthorized, "sign in first: no user on this request");
}
