using System.Text.Json;
using System.Text.Json.Serialization;
using Lens.Client.Apis;
using Lens.Client.Auth;
using Lens.Client.Configuration;
using Lens.Client.Dashboard;
using Lens.Client.Errors;
using Lens.Client.Hosting;
using Lens.Silo.Configuration;

namespace Lens.Client;

/// <summary>
/// The whole web process: the HTTP API, the web page and the dashboard, with a silo in the process (LENS_COHOST,
/// default with file storage) or a client of an external cluster.
/// </summary>
public static class LensWebApp
{
    /// <summary>
    /// Builds the app from configuration (appsettings.json, LENS_* environment variables, then <paramref name="args"/>
    /// such as <c>--LENS_HTTP_PORT 0</c>), ready to run.
    /// </summary>
    /// <exception cref="LensConfigurationException">A setting is malformed; the message names it.</exception>
    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var web = builder.AddLensWeb();
        var app = builder.Build();
        app.MapLensWeb(web);
        return app;
    }

    /// <summary>Registers everything the app needs and returns its web settings.</summary>
    public static WebSettings AddLensWeb(this WebApplicationBuilder builder)
    {
        var cluster = LensSettings.From(builder.Configuration, builder.Environment.ContentRootPath);
        var web = WebSettings.From(builder.Configuration, cluster);
        builder.AddLensCluster(cluster, web.CoHost);
        builder.Services.AddSingleton(web);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(web.HttpHost, web.HttpPort));
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        });
        builder.Services.AddLensProblems();
        builder.Services.AddLensAuth(web, cluster);
        builder.Services.AddResearchApi();
        builder.Services.AddOpenApi();
        return web;
    }

    /// <summary>The middleware and routes, in order.</summary>
    public static WebApplication MapLensWeb(this WebApplication app, WebSettings web)
    {
        app.UseLensProblems();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<ClusterReadinessMiddleware>();
        app.MapAuthApi();
        app.MapClusterApi();
        app.MapLensProductApis();
        app.MapResearchApi();
        app.MapLensDashboard(web.DashboardRequiresSignIn);
        app.MapOpenApi(); // /openapi/v1.json
        return app;
    }
}
