using System.Runtime.CompilerServices;
using System.Text.Json;
using Lens.Runtime.Catalog;

namespace Lens.Runtime.Messaging;

/// <summary>
/// Sends a grain call and follows redirects until the activation answers. Retries are safe by construction:
/// a call that certainly did not reach a silo is retried (after a short back-off, until the deadline);
/// a call that failed in flight is retried only if its method is [Idempotent] or [ReadOnly], otherwise it
/// fails clearly.
/// </summary>
internal sealed class OutboundCalls(ICallRouter router, SiloTransport transport, TimeSpan defaultTimeout)
{
    private const int MaxHops = 64;

    public async Task<JsonElement?> InvokeAsync(GrainId grainId, GrainMethod method, object?[] arguments)
    {
        var wire = Serialize(method, arguments);
        using var deadline = Deadline(method, arguments, out var callerToken, out var deadlineAt);
        var address = router.FirstHop(grainId);
        string? placedOn = null;
        var backoff = TimeSpan.FromMilliseconds(10);
        for (var hops = 0; ; hops++)
        {
            if (hops > MaxHops) throw new GrainCallException(GrainCallErrorKind.SiloUnavailable, $"{grainId}.{method.Name}: gave up after {MaxHops} redirects/retries.");
            var request = new CallRequest(grainId.Type, grainId.Key, method.Name, wire, RemainingMs(deadlineAt), placedOn, hops);
            CallResponse response;
            try
            {
                response = router.IsLocal(address)
                    ? await router.DispatchLocalAsync(request, deadline.Token)
                    : await transport.SendAsync(address, request, deadline.Token);
            }
            catch (Exception ex) when (ex is NotDeliveredException || (ex is InFlightException && Retryable(method)))
            {
                (address, placedOn) = (router.NextHop(grainId, address), null);
                backoff = await BackOffAsync(backoff, grainId, method, deadline, callerToken);
                continue;
            }
            catch (InFlightException ex)
            {
                throw new GrainCallException(GrainCallErrorKind.SiloUnavailable,
                    $"{grainId}.{method.Name} failed in flight ({ex.Message}); not retried because the method is neither [Idempotent] nor [ReadOnly], so it may or may not have run.", inner: ex);
            }
            catch (OperationCanceledException ex)
            {
                throw Cancelled(grainId, method, callerToken, ex);
            }
            if (response.Redirect is { } redirect)
            {
                if (redirect == CallResponse.Anywhere)
                {
                    (address, placedOn) = (router.NextHop(grainId, address), null);
                    backoff = await BackOffAsync(backoff, grainId, method, deadline, callerToken);
                }
                else
                {
                    (address, placedOn) = (redirect, redirect);
                }
                continue;
            }
            if (response.Error is { } error)
            {
                // Local dispatch shares our token, so our own deadline can come back labelled "cancelled".
                if (error.Kind == GrainCallErrorKind.Cancelled && !callerToken.IsCancellationRequested && deadline.IsCancellationRequested)
                    throw Cancelled(grainId, method, callerToken, error.ToException());
                throw error.ToException();
            }
            router.Remember(grainId, address);
            return response.Result;
        }
    }

    public async IAsyncEnumerable<T> StreamAsync<T>(GrainId grainId, GrainMethod method, object?[] arguments, [EnumeratorCancellation] CancellationToken enumeratorToken = default)
    {
        var wire = Serialize(method, arguments);
        using var deadline = Deadline(method, arguments, out var callerToken, out var deadlineAt);
        using var link = enumeratorToken.Register(deadline.Cancel);
        var address = router.FirstHop(grainId);
        string? placedOn = null;
        var backoff = TimeSpan.FromMilliseconds(10);
        for (var hops = 0; hops <= MaxHops; hops++)
        {
            var request = new CallRequest(grainId.Type, grainId.Key, method.Name, wire, RemainingMs(deadlineAt), placedOn, hops);
            var frames = router.IsLocal(address)
                ? router.DispatchLocalStream(request, deadline.Token)
                : transport.StreamAsync(address, request, deadline.Token);
            await using var enumerator = frames.GetAsyncEnumerator(deadline.Token);
            var first = true;
            while (true)
            {
                CallResponse frame;
                try
                {
                    if (!await enumerator.MoveNextAsync()) yield break;
                    frame = enumerator.Current;
                }
                catch (Exception ex) when (first && (ex is NotDeliveredException || (ex is InFlightException && Retryable(method))))
                {
                    (address, placedOn) = (router.NextHop(grainId, address), null);
                    backoff = await BackOffAsync(backoff, grainId, method, deadline, callerToken);
                    break;
                }
                catch (InFlightException ex)
                {
                    throw new GrainCallException(GrainCallErrorKind.SiloUnavailable, $"{grainId}.{method.Name} stream broke ({ex.Message}); not retried.", inner: ex);
                }
                catch (OperationCanceledException ex)
                {
                    throw Cancelled(grainId, method, callerToken, ex);
                }
                if (first && frame.Redirect is { } redirect)
                {
                    (address, placedOn) = redirect == CallResponse.Anywhere ? (router.NextHop(grainId, address), null) : (redirect, redirect);
                    if (placedOn is null) backoff = await BackOffAsync(backoff, grainId, method, deadline, callerToken);
                    break;
                }
                if (frame.Error is { } error) throw error.ToException();
                if (!frame.More) yield break;
                first = false;
                yield return frame.Result is { } item ? item.Deserialize<T>(WireJson.Options)! : default!;
            }
        }
        throw new GrainCallException(GrainCallErrorKind.SiloUnavailable, $"{grainId}.{method.Name}: gave up after {MaxHops} redirects/retries.");
    }

    /// <summary>Idempotent methods, and read-only ones (they change nothing), may run twice.</summary>
    private static bool Retryable(GrainMethod method) => method.IsIdempotent || method.IsReadOnly;

    private static JsonElement[] Serialize(GrainMethod method, object?[] arguments)
    {
        var wire = new JsonElement[method.ParameterTypes.Length];
        var w = 0;
        for (var i = 0; i < arguments.Length; i++)
        {
            if (i == method.CancellationTokenIndex) continue;
            wire[w] = JsonSerializer.SerializeToElement(arguments[i], method.ParameterTypes[w], WireJson.Options);
            w++;
        }
        return wire;
    }

    private CancellationTokenSource Deadline(GrainMethod method, object?[] arguments, out CancellationToken callerToken, out DateTime deadlineAt)
    {
        deadlineAt = DateTime.UtcNow + defaultTimeout;
        callerToken = method.CancellationTokenIndex >= 0 && arguments[method.CancellationTokenIndex] is CancellationToken token ? token : CancellationToken.None;
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(callerToken, router.Lifetime);
        deadline.CancelAfter(defaultTimeout);
        return deadline;
    }

    private static int RemainingMs(DateTime deadlineAt) => (int)Math.Clamp((deadlineAt - DateTime.UtcNow).TotalMilliseconds, 1, int.MaxValue);

    private static async Task<TimeSpan> BackOffAsync(TimeSpan backoff, GrainId grainId, GrainMethod method, CancellationTokenSource deadline, CancellationToken callerToken)
    {
        try
        {
            await Task.Delay(backoff, deadline.Token);
        }
        catch (OperationCanceledException ex)
        {
            throw Cancelled(grainId, method, callerToken, ex);
        }
        return TimeSpan.FromMilliseconds(Math.Min(backoff.TotalMilliseconds * 2, 250));
    }

    private static GrainCallException Cancelled(GrainId grainId, GrainMethod method, CancellationToken callerToken, Exception inner) =>
        callerToken.IsCancellationRequested
            ? new GrainCallException(GrainCallErrorKind.Cancelled, $"{grainId}.{method.Name} was cancelled by the caller.", inner: inner)
            : new GrainCallException(GrainCallErrorKind.DeadlineExceeded, $"{grainId}.{method.Name} missed its deadline (no live silo answered in time).", inner: inner);
}
