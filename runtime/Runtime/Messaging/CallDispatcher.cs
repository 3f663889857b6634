using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using Lens.Runtime.Catalog;
using Lens.Runtime.Directory;
using Lens.Runtime.Hosting;
using Lens.Runtime.Scheduling;

namespace Lens.Runtime.Messaging;

/// <summary>
/// Handles a call that reached this silo (over HTTP or from local code): validate, resolve the activation,
/// queue the turn, wait for the result within the deadline. Calls for grains living elsewhere get a redirect.
/// </summary>
internal sealed class CallDispatcher(GrainTypes types, GrainLocator locator, GrainInvoker invoker, LocalSilo silo)
{
    public async Task<CallResponse> HandleAsync(CallRequest request, CancellationToken aborted)
    {
        if (Validate(request, stream: false, out var grainClass, out var method) is { } invalid) return invalid;
        using var deadline = Deadline(request, aborted);
        try
        {
            var arguments = GrainInvoker.Bind(method, request.Arguments, deadline.Token);
            while (true)
            {
                var target = await locator.ResolveAsync(request.GrainId, grainClass, request.PlacedOn, deadline.Token);
                if (target.Activation is not { } activation) return CallResponse.RedirectTo(target.Address!);
                var result = new TaskCompletionSource<JsonElement?>(TaskCreationOptions.RunContinuationsAsynchronously);
                var item = new WorkItem(async () =>
                {
                    try { result.TrySetResult(await invoker.InvokeAsync(activation.Grain!, method, arguments)); }
                    catch (Exception ex) { result.TrySetException(ex); }
                }, method.IsReadOnly, ex => result.TrySetException(ex), deadline.Token);
                if (!Enqueue(activation, method, item))
                {
                    if (activation.State == ActivationState.Valid)
                        return CallResponse.Fail(GrainCallErrorKind.Overloaded, $"{request.GrainId} has {activation.Scheduler.QueueLength} queued calls; retry later.");
                    await activation.Deactivated.WaitAsync(deadline.Token);
                    continue;
                }
                try
                {
                    return new CallResponse(await result.Task.WaitAsync(deadline.Token));
                }
                catch (ActivationRejectedException)
                {
                    await activation.Deactivated.WaitAsync(deadline.Token);
                }
            }
        }
        catch (Exception ex)
        {
            return Failure(ex, request, deadline, aborted);
        }
    }

    public async IAsyncEnumerable<CallResponse> HandleStreamAsync(CallRequest request, [EnumeratorCancellation] CancellationToken aborted)
    {
        if (Validate(request, stream: true, out var grainClass, out var method) is { } invalid)
        {
            yield return invalid;
            yield break;
        }
        using var deadline = Deadline(request, aborted);
        var (items, redirect, error) = await StartStreamAsync(request, grainClass, method, deadline);
        if (redirect is not null || error is not null)
        {
            yield return redirect ?? error!;
            yield break;
        }
        await using var enumerator = items!.ReadAllAsync(deadline.Token).GetAsyncEnumerator(deadline.Token);
        while (true)
        {
            CallResponse? frame;
            try
            {
                frame = await enumerator.MoveNextAsync() ? new CallResponse(enumerator.Current, More: true) : null;
            }
            catch (Exception ex)
            {
                frame = Failure(ex, request, deadline, aborted);
            }
            yield return frame ?? new CallResponse();
            if (frame is null || !frame.More) yield break;
        }
    }

    private async Task<(ChannelReader<JsonElement>? Items, CallResponse? Redirect, CallResponse? Error)> StartStreamAsync(
        CallRequest request, GrainClass grainClass, GrainMethod method, CancellationTokenSource deadline)
    {
        try
        {
            var arguments = GrainInvoker.Bind(method, request.Arguments, deadline.Token);
            while (true)
            {
                var target = await locator.ResolveAsync(request.GrainId, grainClass, request.PlacedOn, deadline.Token);
                if (target.Activation is not { } activation) return (null, CallResponse.RedirectTo(target.Address!), null);
                // Bounded: a slow reader makes the grain wait (back-pressure) instead of buffering the stream.
                var channel = Channel.CreateBounded<JsonElement>(16);
                var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var item = new WorkItem(async () =>
                {
                    started.TrySetResult();
                    try
                    {
                        await foreach (var element in await invoker.StartStreamAsync(activation.Grain!, method, arguments, deadline.Token))
                            await channel.Writer.WriteAsync(JsonSerializer.SerializeToElement(element, method.ResultType!, WireJson.Options), deadline.Token);
                        channel.Writer.TryComplete();
                    }
                    catch (Exception ex) { channel.Writer.TryComplete(ex); }
                }, method.IsReadOnly, ex => started.TrySetException(ex), deadline.Token);
                if (!Enqueue(activation, method, item))
                {
                    if (activation.State == ActivationState.Valid)
                        return (null, null, CallResponse.Fail(GrainCallErrorKind.Overloaded, $"{request.GrainId} is overloaded; retry later."));
                    await activation.Deactivated.WaitAsync(deadline.Token);
                    continue;
                }
                try
                {
                    await started.Task.WaitAsync(deadline.Token);
                    return (channel.Reader, null, null);
                }
                catch (ActivationRejectedException)
                {
                    await activation.Deactivated.WaitAsync(deadline.Token);
                }
            }
        }
        catch (Exception ex)
        {
            return (null, null, Failure(ex, request, deadline, CancellationToken.None));
        }
    }

    private CallResponse Failure(Exception exception, CallRequest request, CancellationTokenSource deadline, CancellationToken aborted)
    {
        if (exception is OperationCanceledException && silo.Lifetime.IsCancellationRequested)
            return CallResponse.Fail(GrainCallErrorKind.SiloUnavailable, $"Silo {silo.Id} stopped while {request.GrainId}.{request.Method} was in progress; it may or may not have run.");
        return CallErrors.From(exception, request.GrainId, request.Method, deadline.IsCancellationRequested && !aborted.IsCancellationRequested);
    }

    private static bool Enqueue(Activation activation, GrainMethod method, WorkItem item)
    {
        if (!method.IsAlwaysInterleave) return activation.Scheduler.TryEnqueue(item);
        if (activation.State != ActivationState.Valid) return false;
        activation.Scheduler.RunInterleaved(item);
        return true;
    }

    private CallResponse? Validate(CallRequest request, bool stream, out GrainClass grainClass, out GrainMethod method)
    {
        method = null!;
        if (string.IsNullOrEmpty(request.GrainType) || request.Key is null || string.IsNullOrEmpty(request.Method))
        {
            grainClass = null!;
            return CallResponse.Fail(GrainCallErrorKind.BadRequest, "A call needs grainType, key and method.");
        }
        if (!types.TryGet(request.GrainType, out grainClass))
            return CallResponse.Fail(GrainCallErrorKind.UnknownGrainType, $"Grain type '{request.GrainType}' is not known to silo {silo.Id}.");
        if (!grainClass.Interface.Methods.TryGetValue(request.Method, out method!))
            return CallResponse.Fail(GrainCallErrorKind.UnknownMethod, $"Grain type '{request.GrainType}' has no method '{request.Method}'.");
        if ((method.Kind == ReturnKind.AsyncEnumerable) != stream)
            return CallResponse.Fail(GrainCallErrorKind.BadRequest, $"{request.Method} {(stream ? "is not" : "is")} a streaming method; use {(stream ? "/lens/call" : "/lens/stream")}.");
        return null;
    }

    private CancellationTokenSource Deadline(CallRequest request, CancellationToken aborted)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(aborted, silo.Lifetime);
        cts.CancelAfter(TimeSpan.FromMilliseconds(Math.Clamp(request.TimeoutMs, 1, int.MaxValue)));
        return cts;
    }
}
