using Lens.Client.Errors;
using Lens.GrainInterfaces.Conversations;
using Lens.GrainInterfaces.Models;

namespace Lens.Client.Apis;

/// <summary>
/// Turns what the product and research routes throw into their problems. The product's own refusals keep the field at
/// fault (and, for a busy model, when to retry); every other failure is worded once, by <see cref="ExceptionProblems"/>,
/// as on the rest of the API.
/// </summary>
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
        _ => General(ExceptionProblems.For(e)),
    };

    private static ApiProblem General(ProblemDescription problem) => new(problem.Status, problem.Detail, problem.Field, title: problem.Title);

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
