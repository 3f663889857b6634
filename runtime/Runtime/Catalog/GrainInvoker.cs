using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Lens.Runtime.Messaging;

namespace Lens.Runtime.Catalog;

/// <summary>
/// Binds wire arguments to a grain method, runs the call filters and the method, and turns the result into
/// JSON. Streams come back as boxed items so the transport can write them one by one.
/// </summary>
internal sealed class GrainInvoker(IEnumerable<IGrainCallFilter> filters)
{
    private static readonly ConcurrentDictionary<Type, Func<object, CancellationToken, IAsyncEnumerable<object?>>> s_boxers = new();
    private static readonly ConcurrentDictionary<Type, PropertyInfo> s_resultProperties = new();
    private readonly IReadOnlyList<IGrainCallFilter> _filters = filters.ToList();

    /// <summary>Deserializes arguments; throws <see cref="GrainCallException"/> (BadRequest) on any mismatch.</summary>
    public static object?[] Bind(GrainMethod method, JsonElement[]? arguments, CancellationToken cancellationToken)
    {
        arguments ??= [];
        if (arguments.Length != method.ParameterTypes.Length)
            throw new GrainCallException(GrainCallErrorKind.BadRequest, $"{method.Name} takes {method.ParameterTypes.Length} arguments, got {arguments.Length}.");
        var bound = new object?[method.ParameterCount];
        var wire = 0;
        for (var i = 0; i < bound.Length; i++)
        {
            if (i == method.CancellationTokenIndex)
            {
                bound[i] = cancellationToken;
                continue;
            }
            try
            {
                bound[i] = arguments[wire].Deserialize(method.ParameterTypes[wire], WireJson.Options);
            }
            catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
            {
                throw new GrainCallException(GrainCallErrorKind.BadRequest, $"Argument {wire} of {method.Name} is not a valid {method.ParameterTypes[wire].Name}: {ex.Message}");
            }
            wire++;
        }
        return bound;
    }

    public async Task<JsonElement?> InvokeAsync(Grain grain, GrainMethod method, object?[] arguments)
    {
        var context = new GrainCallContext(_filters, grain, method, arguments, InvokeMethodAsync);
        await context.Invoke();
        return method.ResultType is null ? null : JsonSerializer.SerializeToElement(context.Result, method.ResultType, WireJson.Options);
    }

    public async Task<IAsyncEnumerable<object?>> StartStreamAsync(Grain grain, GrainMethod method, object?[] arguments, CancellationToken cancellationToken)
    {
        var context = new GrainCallContext(_filters, grain, method, arguments, InvokeMethodAsync);
        await context.Invoke();
        var stream = context.Result ?? throw new InvalidOperationException($"{method.Name} returned a null stream.");
        return s_boxers.GetOrAdd(method.ResultType!, static t => typeof(GrainInvoker).GetMethod(nameof(Box), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(t).CreateDelegate<Func<object, CancellationToken, IAsyncEnumerable<object?>>>())(stream, cancellationToken);
    }

    private static async Task InvokeMethodAsync(GrainCallContext context)
    {
        object? returned;
        try
        {
            returned = context.GrainMethod.Method.Invoke(context.Grain, context.Arguments);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfoThrow(ex.InnerException);
            throw;
        }
        switch (context.GrainMethod.Kind)
        {
            case ReturnKind.Task:
                await (Task)returned!;
                break;
            case ReturnKind.ValueTask:
                await (ValueTask)returned!;
                break;
            case ReturnKind.TaskOfT:
                await (Task)returned!;
                context.Result = ResultOf(returned!);
                break;
            case ReturnKind.ValueTaskOfT:
                var task = (Task)returned!.GetType().GetMethod("AsTask")!.Invoke(returned, null)!;
                await task;
                context.Result = ResultOf(task);
                break;
            case ReturnKind.AsyncEnumerable:
                context.Result = returned;
                break;
        }
    }

    private static object? ResultOf(object task) =>
        s_resultProperties.GetOrAdd(task.GetType(), static t => t.GetProperty("Result")!).GetValue(task);

    private static void ExceptionDispatchInfoThrow(Exception ex) => System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex).Throw();

    private static async IAsyncEnumerable<object?> Box<T>(object stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in ((IAsyncEnumerable<T>)stream).WithCancellation(cancellationToken)) yield return item;
    }
}
