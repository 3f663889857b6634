using Microsoft.AspNetCore.WebUtilities;
using Microsoft.AspNetCore.Mvc;

namespace Lens.Client.Apis;

/// <summary>An RFC 7807 problem the product routes answer with: status, title, a detail written for the caller, the field at fault.</summary>
/// <param name="title">A short name for the failure; by default the status's reason phrase.</param>
public sealed class ApiProblem(int status, string detail, string? field = null, int? retryAfterSeconds = null, string? title = null) : Exception(detail)
{
    public string Title { get; } = title ?? ReasonPhrases.GetReasonPhrase(status);
    public int Status { get; } = status;
    public string? Field { get; } = field;
    public int? RetryAfterSeconds { get; } = retryAfterSeconds;

    /// <summary>400 naming the invalid field.</summary>
    public static ApiProblem Invalid(string field, string detail) => new(StatusCodes.Status400BadRequest, detail, field);

    public ProblemDetails ToDetails()
    {
        var details = new ProblemDetails
        {
            Type = $"https://www.rfc-editor.org/rfc/rfc9110#status.{Status}",
            Title = Title,
            Status = Status,
            Detail = Message,
        };
        if (Field is not null) details.Extensions["field"] = Field;
        return details;
    }

    /// <summary>The problem as an HTTP result (with <c>Retry-After</c> when it has one).</summary>
    public IResult ToResult(HttpContext http)
    {
        if (RetryAfterSeconds is { } seconds) http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(ToDetails());
    }
}
