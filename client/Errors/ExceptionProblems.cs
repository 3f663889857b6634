using System.Net.Sockets;
using System.Text.Json;
using Azure;
using Lens.GrainInterfaces.Models;
using Lens.Storage.Journals;
using Orleans.Runtime.Messaging;
using Orleans.Storage;

namespace Lens.Client.Errors;

/// <summary>
/// What an exception means to an API caller, worded once for every route (the product routes add only their own
/// refusals, in <see cref="Apis.ProblemMapping"/>). The cluster being unreachable (no silo or gateway, a silo gone, the
/// client not connected, a call cancelled or timed out, storage down, a model no live silo can load) is 503. Grains
/// report caller mistakes by throwing <see cref="ArgumentException"/> (400), <see cref="KeyNotFoundException"/> (404) or
/// <see cref="UnauthorizedAccessException"/> (403), and the message becomes the detail. Anything else is a 500 that still
/// names the error.
/// </summary>
public static class ExceptionProblems
{
    /// <summary>The problem for <paramref name="exception"/>.</summary>
    public static ProblemDescription For(Exception exception)
    {
        if (Unavailable(exception) is { } unavailable) return unavailable;
        return Innermost(exception) switch
        {
            Apis.ApiProblem product => new ProblemDescription(product.Status, product.Title, product.Message, product.Field),
            BadHttpRequestException bad => new ProblemDescription(bad.StatusCode, bad.StatusCode == 413 ? "Request too large" : "Invalid request", Describe(bad)),
            JsonException json => new ProblemDescription(400, "Invalid request", $"The body is not valid JSON for this route: {json.Message}"),
            ArgumentException argument => new ProblemDescription(400, "Invalid request", argument.Message),
            KeyNotFoundException missing => new ProblemDescription(404, "Not found", missing.Message),
            UnauthorizedAccessException denied => new ProblemDescription(403, "Forbidden", denied.Message),
            var other => new ProblemDescription(500, "Internal error", $"{other.GetType().Name}: {other.Message}"),
        };
    }

    /// <summary>The 503 for an exception that means the cluster (or its storage, or a model) cannot be reached; otherwise null.</summary>
    public static ProblemDescription? Unavailable(Exception exception)
    {
        foreach (var e in Chain(exception))
        {
            switch (e)
            {
                case ModelUnavailableException model:
                    return new ProblemDescription(503, "Model unavailable", model.Message, "model");
                case SiloUnavailableException or ConnectionFailedException or GatewayTooBusyException or OrleansMessageRejectionException:
                    return new ProblemDescription(503, "Cluster unavailable", $"The cluster could not serve the call: {e.Message}");
                case TimeoutException:
                    return new ProblemDescription(503, "Cluster unavailable", $"The cluster did not answer in time: {e.Message}");
                case ObjectDisposedException disposed when disposed.ObjectName?.Contains("Client", StringComparison.Ordinal) == true:
                    return new ProblemDescription(503, "Cluster unavailable", "This process is shutting down its cluster connection.");
                case JournalUnavailableException journal:
                    return new ProblemDescription(503, "Storage unavailable", $"The event journal could not be reached; the call's outcome is unknown: {FirstLine(journal.Message)}");
                case InconsistentStateException:
                    return new ProblemDescription(503, "Storage conflict", $"Another activation wrote the same state first (a silo was just replaced); retry the call. {e.Message}");
                case AggregateException retries when retries.InnerExceptions.All(IsStorageFailure):
                case var single when IsStorageFailure(single) && single is not OperationCanceledException:
                    var context = ReferenceEquals(e, exception) ? "" : $" ({FirstLine(exception.Message)})";
                    return new ProblemDescription(503, "Storage unavailable", $"Storage could not be reached{context}: {FirstLine(e.Message)}");
            }
        }
        // Only when nothing in the chain says more: any other Orleans failure, or a call cancelled before it was answered.
        return Innermost(exception) switch
        {
            OrleansException orleans => new ProblemDescription(503, "Cluster unavailable", $"The cluster could not serve the call: {orleans.Message}"),
            OperationCanceledException => new ProblemDescription(503, "Cluster unavailable", "The call was cancelled before the cluster answered."),
            _ => null,
        };
    }

    // What a storage client throws when the service is down or hangs (its timeouts surface as cancellations).
    private static bool IsStorageFailure(Exception e) =>
        e is RequestFailedException { Status: 0 or >= 500 } or HttpRequestException or SocketException or OperationCanceledException;

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    private static string Describe(BadHttpRequestException bad) =>
        bad.InnerException is JsonException json ? $"{bad.Message} {json.Message}" : bad.Message;

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain)) yield return inner;
        }
    }

    // Orleans and the task machinery wrap; the caller cares about what the grain or binder threw.
    private static Exception Innermost(Exception exception) => exception switch
    {
        AggregateException { InnerExceptions.Count: 1 } aggregate => Innermost(aggregate.InnerExceptions[0]),
        _ => exception,
    };
}
