using System.Net;
using Lens.Runtime.Catalog;
using Lens.Runtime.Client;
using Lens.Runtime.Directory;
using Lens.Runtime.Membership;
using Lens.Runtime.Messaging;
using Lens.Runtime.Metrics;
using Lens.Runtime.Placement;
using Lens.Runtime.Reminders;
using Lens.Runtime.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lens.Runtime.Hosting;

/// <summary>Composition of a silo: <c>builder.AddLensSilo(...)</c>, a storage provider, then <c>app.MapLensSilo()</c>.</summary>
public static class SiloHostingExtensions
{
    /// <summary>
    /// Adds a silo to a web application: an HTTP/2 cleartext Kestrel endpoint on <see cref="SiloOptions.Port"/>
    /// and the runtime services. A storage provider (<c>UseFileStorage</c>, <c>UseInMemoryStorage</c>,
    /// <c>UseAzureStorage</c>) must be registered too.
    /// </summary>
    public static WebApplicationBuilder AddLensSilo(this WebApplicationBuilder builder, Action<SiloOptions>? configure = null)
    {
        var options = new SiloOptions();
        configure?.Invoke(options);
        if (options.GrainAssemblies.Count == 0) options.GrainAssemblies.AddRange(GrainAssemblies.FromEntryAssembly());
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Cleartext HTTP/2 needs its own endpoint: Http1AndHttp2 without TLS would serve HTTP/1.1 only.
            var address = options.Host is "0.0.0.0" or "*" ? IPAddress.Any : IPAddress.Parse(options.Host);
            kestrel.Listen(address, options.Port, listen => listen.Protocols = HttpProtocols.Http2);
            kestrel.Limits.MaxRequestBodySize = 2L * options.MaxMessageBytes;
            kestrel.Limits.Http2.MaxStreamsPerConnection = 1000;
        });
        builder.Services.AddLensSiloServices(options);
        return builder;
    }

    /// <summary>Registers the runtime services of a silo (without the web host).</summary>
    public static IServiceCollection AddLensSiloServices(this IServiceCollection services, SiloOptions options)
    {
        services.AddRouting();
        services.AddSingleton(options);
        services.AddSingleton<LocalSilo>();
        services.AddSingleton(sp => new GrainTypes(options.GrainAssemblies));
        services.AddSingleton<GrainDirectory>();
        services.AddSingleton<MembershipService>();
        services.AddSingleton<PlacementDirector>();
        services.AddSingleton(sp => new SiloMetrics(sp.GetRequiredService<LocalSilo>(), sp.GetRequiredService<ActivationCatalog>, () => sp.GetRequiredService<ReminderService>().Owned));
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<ActivationCatalog>(sp,
            new MeasuredClusterStorage(sp.GetRequiredService<IClusterStorage>(), sp.GetRequiredService<SiloMetrics>())));
        services.AddSingleton<ActivationCollector>();
        services.AddSingleton<GrainLocator>();
        services.AddSingleton<IGrainCallFilter, CallProfilerFilter>();
        services.AddSingleton<GrainInvoker>();
        services.AddSingleton<CallDispatcher>();
        services.AddSingleton(sp => new SiloTransport(TimeSpan.FromSeconds(2)));
        services.AddSingleton(sp => new OutboundCalls(
            new SiloCallRouter(sp.GetRequiredService<LocalSilo>(), sp.GetRequiredService<CallDispatcher>),
            sp.GetRequiredService<SiloTransport>(), options.DefaultCallTimeout));
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<ReminderService>(sp, new Func<OutboundCalls>(sp.GetRequiredService<OutboundCalls>)));
        services.AddSingleton<IGrainFactory>(sp => new GrainReferenceFactory(sp.GetRequiredService<OutboundCalls>));
        services.AddSingleton<SiloLifecycle>();
        services.AddHostedService(sp => sp.GetRequiredService<SiloLifecycle>());
        return services;
    }
}
