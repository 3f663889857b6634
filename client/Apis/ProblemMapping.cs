using Lens.GrainInterfaces.Conversations;
using Lens.GrainInterfaces.Models;
using Orleans.Runtime;

namespace Lens.Client.Apis;

/// <summary>Turns what the grains throw into the API's problems: every failure gets a status and a message, never a bare 500.</summary>
public static class ProblemMapping
{
    public static ApiProblem ToProblem(Exception e) => e switch
    {
        ApiProblem p => p,
        RequestRejectedException r => new ApiProblem(r.Kind switch
        {
            Rejection.Forbidden => StatusCodes.Status403Forbidden,
            Rejection.NotFound => StatusCodes.Status404NotFound,
            Rejection.Conflict => StatusCodes.Status409Conflict,
            Rejection.TooLarge => StatusCodes.Status413PayloadTooLarge,
            _ => StatusCodes.Status400BadRequest,
        }, r.Message, r.Field),
        ModelBusyException busy => new ApiProblem(StatusCodes.Status429TooManyRequests, busy.Message, "model", busy.RetryAfterSeconds),
        ModelUnavailableException m => new ApiProblem(StatusCodes.Status503ServiceUnavailable, m.Message, "model"),
        OrleansException or TimeoutException =>
            new ApiProblem(StatusCodes.Status503ServiceUnavailable, $"the cluster is unavailable: {e.Message}"),
        OperationCanceledException => new ApiProblem(StatusCodes.Status503ServiceUnavailable, "the request was cancelled before the cluster answered"),
        _ => new ApiProblem(StatusCodes.Status500InternalServerError, $"unexpected {e.GetType().Name}: {e.Message}"),
    };

    /// <summary>An endpoint filter answering any failure of the handler as a problem.</summary>
    public static async ValueTask<object?> Filter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception e) when (!context.HttpContext.Response.HasStarted)
        {
            var problem = ToProblem(e);
            if (problem.Status >= 500)
                context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Lens.Client.Apis")
                    .LogWarning(e, "{Method} {Path} failed", context.HttpContext.Request.Method, context.HttpContext.Request.Path);
            return problem.ToResult(context.HttpContext);
        }
    }
}
