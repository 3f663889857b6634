using Lens.Client.Auth;
using Orleans.Dashboard;

namespace Lens.Client.Dashboard;

/// <summary>The Orleans dashboard at <c>/dashboard</c>.</summary>
public static class LensDashboardExtensions
{
    /// <summary>
    /// Maps the dashboard. With <paramref name="requireSignIn"/> (LENS_DASHBOARD_AUTH=true) its pages and data need a
    /// signed-in user; a browser is signed in by the <c>lens_token</c> cookie that sign-in sets for this path.
    /// </summary>
    public static IEndpointConventionBuilder MapLensDashboard(this IEndpointRouteBuilder routes, bool requireSignIn)
    {
        var dashboard = routes.MapOrleansDashboard(routePrefix: LensAuthentication.DashboardPath);
        return requireSignIn ? dashboard.RequireAuthorization() : dashboard;
    }
}
