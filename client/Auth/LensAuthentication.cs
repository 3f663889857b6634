namespace Lens.Client.Auth;

/// <summary>Names shared by the access-token scheme.</summary>
public static class LensAuthentication
{
    /// <summary>The authentication scheme (the default one).</summary>
    public const string Scheme = "LensToken";

    /// <summary>The query parameter GET requests may carry the token in (EventSource and download links send no headers).</summary>
    public const string QueryParameter = "access_token";

    /// <summary>The cookie sign-in sets for the dashboard's pages (path <c>/dashboard</c> only).</summary>
    public const string DashboardCookie = "lens_token";

    /// <summary>Where the Orleans dashboard is served.</summary>
    public const string DashboardPath = "/dashboard";
}
