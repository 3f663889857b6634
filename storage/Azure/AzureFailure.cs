using System.Net.Sockets;
using global::Azure;

namespace Lens.Storage.Azure;

/// <summary>Tells "the service did not answer" apart from an answer, and says which in a few words.</summary>
public static class AzureFailure
{
    /// <summary>
    /// True for no answer: refused or dropped connections, timeouts, server errors after the SDK's retries. False for
    /// real answers (4xx) and for cancellation asked for by the caller.
    /// </summary>
    public static bool IsUnavailable(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        RequestFailedException failed => failed.Status is 0 or 408 or >= 500,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        AggregateException aggregate => aggregate.InnerExceptions.All(e => IsUnavailable(e, cancellationToken)),
        HttpRequestException or IOException or SocketException or TimeoutException => true,
        _ => false,
    };

    /// <summary>A short reason: "no answer within 3 s (3 tries)", "connection refused (3 tries)", or the service's error.</summary>
    public static string Describe(Exception exception, TimeSpan requestTimeout)
    {
        var tries = exception is AggregateException aggregate ? aggregate.InnerExceptions.Count : 1;
        var last = exception is AggregateException many ? many.InnerExceptions[^1] : exception;
        var suffix = tries > 1 ? $" ({tries} tries)" : "";
        if (Flatten(last).Any(e => e is OperationCanceledException or TimeoutException))
            return $"no answer within {requestTimeout.TotalSeconds:0.#} s{suffix}";
        if (Flatten(last).OfType<SocketException>().FirstOrDefault() is { } socket)
            return $"{socket.SocketErrorCode switch { SocketError.ConnectionRefused => "connection refused", SocketError.ConnectionReset => "connection reset", _ => socket.Message }}{suffix}";
        if (last is RequestFailedException { Status: > 0 } failed)
            return $"the service answered {failed.Status} {failed.ErrorCode}{suffix}";
        return $"{Flatten(last).Last().Message}{suffix}";
    }

    private static IEnumerable<Exception> Flatten(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException) yield return e;
    }
}
