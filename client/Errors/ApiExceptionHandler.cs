using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Lens.Client.Errors;

/// <summary>Turns any exception a route lets escape into problem+json (<see cref="ExceptionProblems"/>); the server keeps serving.</summary>
internal sealed class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        var problem = ExceptionProblems.For(exception);
        if (problem.Status >= 500)
            logger.LogWarning(exception, "{Method} {Path} failed: {Status} {Title}", http.Request.Method, http.Request.Path, problem.Status, problem.Title);
        if (http.Response.HasStarted) return true; // a stream already under way; its route reports errors in-band
        http.Response.StatusCode = problem.Status;
        var details = new ProblemDetails { Status = problem.Status, Title = problem.Title, Detail = problem.Detail };
        if (problem.Field is not null) details.Extensions["field"] = problem.Field;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, Exception = exception, ProblemDetails = details });
    }
}
