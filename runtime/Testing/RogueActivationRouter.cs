using Lens.Runtime.Catalog;
using Lens.Runtime.Messaging;
using Lens.Runtime.Scheduling;

namespace Lens.Runtime.Testing;

/// <summary>Routes every call straight into one activation, bypassing directory and placement (split-brain tests).</summary>
internal sealed class RogueActivationRouter(Activation activation, GrainInvoker invoker) : ICallRouter
{
    public CancellationToken Lifetime => CancellationToken.None;

    public string FirstHop(GrainId grainId) => "rogue";

    public string NextHop(GrainId grainId, string failedAddress) => "rogue";

    public void Remember(GrainId grainId, string address)
    {
    }

    public bool IsLocal(string address) => true;

    public async Task<CallResponse> DispatchLocalAsync(CallRequest request, CancellationToken cancellationToken)
    {
        var method = activation.Class.Interface.Methods[request.Method];
        var arguments = GrainInvoker.Bind(method, request.Arguments, cancellationToken);
        var result = new TaskCompletionSource<CallResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        var item = new WorkItem(async () =>
        {
            try { result.TrySetResult(new CallResponse(await invoker.InvokeAsync(activation.Grain!, method, arguments))); }
            catch (Exception ex) { result.TrySetResult(CallErrors.From(ex, request.GrainId, request.Method, false)); }
        }, method.IsReadOnly, ex => result.TrySetResult(CallErrors.From(ex, request.GrainId, request.Method, false)), cancellationToken);
        if (!activation.Scheduler.TryEnqueue(item)) return CallResponse.Fail(GrainCallErrorKind.SiloUnavailable, "The rogue activation is gone.");
        return await result.Task;
    }

    public IAsyncEnumerable<CallResponse> DispatchLocalStream(CallRequest request, CancellationToken cancellationToken) => throw new NotSupportedException();
}
