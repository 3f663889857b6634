using Lens.Client.Configuration;
using Lens.Silo.Configuration;
using Microsoft.AspNetCore.Authentication;

namespace Lens.Client.Auth;

/// <summary>Wiring of the access-token scheme.</summary>
public static class LensAuthExtensions
{
    /// <summary>
    /// Makes the access-token scheme the default, with an authorization default policy of "signed in", so a product
    /// route needs only <c>.RequireAuthorization()</c> and reads the user from <c>HttpContext.User.Identity!.Name</c>.
    /// </summary>
    public static IServiceCollection AddLensAuth(this IServiceCollection services, WebSettings web, LensSettings cluster)
    {
        services.AddSingleton(sp => AuthKey.Load(web, cluster, sp.GetRequiredService<ILoggerFactory>().CreateLogger<AuthKey>()));
        services.AddSingleton(sp => new AccessTokens(sp.GetRequiredService<AuthKey>(), TimeProvider.System, web.TokenLifetime));
        services.AddAuthentication(LensAuthentication.Scheme)
            .AddScheme<AuthenticationSchemeOptions, AccessTokenHandler>(LensAuthentication.Scheme, null);
        services.AddAuthorization();
        return services;
    }
}
