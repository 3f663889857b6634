using System.Text.Json;
using Lens.Runtime.Hosting;
using Lens.Runtime.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Lens.Runtime.Messaging;

/// <summary>The silo's HTTP/2 routes: calls, streaming calls, liveness and statistics.</summary>
public static class SiloEndpoints
{
    /// <summary>Maps <c>/lens/call</c>, <c>/lens/stream</c>, <c>/lens/ping</c> and <c>/lens/stats</c>.</summary>
    public static IEndpointRouteBuilder MapLensSilo(this IEndpointRouteBuilder routes)
    {
        var lens = routes.MapGroup("/lens");
        lens.MapPost("/call", HandleCall);
        lens.MapPost("/stream", HandleStream);
        lens.MapGet("/ping", (LocalSilo silo) => TypedResults.Ok(new { silo.Id, Status = silo.Status.ToString() }));
        lens.MapGet("/stats", (SiloMetrics metrics) => TypedResults.Json(metrics.Snapshot(), WireJson.Options));
        return routes;
    }

    private static async Task HandleCall(HttpContext http, CallDispatcher dispatcher, SiloOptions options, SiloMetrics metrics)
    {
        var (request, error) = await ReadAsync(http, options, metrics);
        var response = error ?? await dispatcher.HandleAsync(request!, http.RequestAborted);
        http.Response.StatusCode = StatusOf(response);
        await http.Response.WriteAsJsonAsync(response, WireJson.Options, http.RequestAborted);
    }

    private static async Task HandleStream(HttpContext http, CallDispatcher dispatcher, SiloOptions options, SiloMetrics metrics)
    {
        var (request, error) = await ReadAsync(http, options, metrics);
        http.Response.ContentType = "application/x-ndjson";
        if (error is not null)
        {
            http.Response.StatusCode = StatusOf(error);
            await WriteLineAsync(http, error);
            return;
        }
        await foreach (var frame in dispatcher.HandleStreamAsync(request!, http.RequestAborted))
        {
            await WriteLineAsync(http, frame);
        }
    }

    private static async Task WriteLineAsync(HttpContext http, CallResponse frame)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(frame, WireJson.Options);
        await http.Response.Body.WriteAsync(bytes, http.RequestAborted);
        await http.Response.Body.WriteAsync("\n"u8.ToArray(), http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);
    }

    private static async Task<(CallRequest? Request, CallResponse? Error)> ReadAsync(HttpContext http, SiloOptions options, SiloMetrics metrics)
    {
        if (http.Request.ContentLength > options.MaxMessageBytes) return (null, Reject(metrics, TooLarge(options)));
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
            {
                if (buffer.Length + read > options.MaxMessageBytes) return (null, Reject(metrics, TooLarge(options)));
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException ex)
        {
            return (null, Reject(metrics, CallResponse.Fail(GrainCallErrorKind.PayloadTooLarge, ex.Message)));
        }
        try
        {
            var request = JsonSerializer.Deserialize<CallRequest>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), WireJson.Options);
            return request is null
                ? (null, Reject(metrics, CallResponse.Fail(GrainCallErrorKind.BadRequest, "The message is empty (JSON null).")))
                : (request, null);
        }
        catch (JsonException ex)
        {
            return (null, Reject(metrics, CallResponse.Fail(GrainCallErrorKind.BadRequest, $"Malformed call message: {ex.Message}")));
        }
    }

    private static CallResponse TooLarge(SiloOptions options) =>
        CallResponse.Fail(GrainCallErrorKind.PayloadTooLarge, $"The message exceeds {options.MaxMessageBytes} bytes; pass large values by reference (ILargeValueStore).");

    private static CallResponse Reject(SiloMetrics metrics, CallResponse response)
    {
        metrics.RecordRejected(response.Error!.Kind);
        return response;
    }

    private static int StatusOf(CallResponse response) => response.Error?.Kind switch
    {
        null => StatusCodes.Status200OK,
        GrainCallErrorKind.UnknownGrainType or GrainCallErrorKind.UnknownMethod => StatusCodes.Status404NotFound,
        GrainCallErrorKind.BadRequest => StatusCodes.Status400BadRequest,
        GrainCallErrorKind.PayloadTooLarge => StatusCodes.Status413PayloadTooLarge,
        GrainCallErrorKind.Overloaded or GrainCallErrorKind.SiloUnavailable or GrainCallErrorKind.NoCompatibleSilo or GrainCallErrorKind.StorageUnavailable => StatusCodes.Status503ServiceUnavailable,
        GrainCallErrorKind.DeadlineExceeded => StatusCodes.Status504GatewayTimeout,
        GrainCallErrorKind.JournalConflict => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status500InternalServerError,
    };
}
