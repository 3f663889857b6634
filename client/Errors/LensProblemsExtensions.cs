namespace Lens.Client.Errors;

/// <summary>Errors as RFC 7807 problem+json for the whole app.</summary>
public static class LensProblemsExtensions
{
    /// <summary>
    /// Problem details for exceptions (<see cref="ExceptionProblems"/>), for bodies that fail to bind (malformed JSON,
    /// wrong types: 400 naming the field) and for empty error responses (unknown route: 404 naming it).
    /// </summary>
    public static IServiceCollection AddLensProblems(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            var request = context.HttpContext.Request;
            context.ProblemDetails.Detail ??= context.ProblemDetails.Status switch
            {
                404 => $"No route {request.Method} {request.Path}.",
                405 => $"{request.Path} does not take {request.Method}.",
                415 => $"The body must be JSON (Content-Type: application/json), not '{request.ContentType}'.",
                var status => $"{request.Method} {request.Path} failed with HTTP {status}.",
            };
        });
        services.AddExceptionHandler<ApiExceptionHandler>();
        // Binding failures throw (and reach the handler above) instead of ending as an empty 400.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return services;
    }

    /// <summary>The middleware: exceptions and empty error responses become problem+json.</summary>
    public static WebApplication UseLensProblems(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }
}
