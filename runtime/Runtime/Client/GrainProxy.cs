using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using Lens.Runtime.Catalog;
using Lens.Runtime.Messaging;

namespace Lens.Runtime.Client;

/// <summary>
/// The reference behind <c>GetGrain&lt;T&gt;(key)</c>: a <see cref="DispatchProxy"/> that turns interface calls
/// into grain calls. Public only because DispatchProxy requires it; create references through <see cref="IGrainFactory"/>.
/// </summary>
public class GrainProxy : DispatchProxy
{
    private static readonly ConcurrentDictionary<MethodInfo, Func<GrainProxy, GrainMethod, object?[], object>> s_typed = new();
    private GrainId _grainId;
    private GrainInterface? _interface;
    private OutboundCalls? _calls;

    internal static object Create(Type interfaceType, GrainId grainId, OutboundCalls calls)
    {
        var proxy = (GrainProxy)Create(interfaceType, typeof(GrainProxy));
        proxy._grainId = grainId;
        proxy._interface = GrainInterface.For(interfaceType);
        proxy._calls = calls;
        return proxy;
    }

    /// <inheritdoc />
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.DeclaringType == typeof(object)) return targetMethod.Name == nameof(ToString) ? _grainId.ToString() : null;
        var method = _interface!.Methods[targetMethod.Name];
        args ??= [];
        return method.Kind switch
        {
            ReturnKind.Task => _calls!.InvokeAsync(_grainId, method, args),
            ReturnKind.ValueTask => new ValueTask(_calls!.InvokeAsync(_grainId, method, args)),
            _ => s_typed.GetOrAdd(targetMethod, Bind)(this, method, args),
        };
    }

    private static Func<GrainProxy, GrainMethod, object?[], object> Bind(MethodInfo method)
    {
        var grainMethod = new GrainMethod(method);
        var name = grainMethod.Kind switch
        {
            ReturnKind.TaskOfT => nameof(InvokeTyped),
            ReturnKind.ValueTaskOfT => nameof(InvokeValueTyped),
            _ => nameof(Stream),
        };
        return typeof(GrainProxy).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(grainMethod.ResultType!)
            .CreateDelegate<Func<GrainProxy, GrainMethod, object?[], object>>();
    }

    private static object InvokeTyped<T>(GrainProxy proxy, GrainMethod method, object?[] args) => Typed<T>(proxy, method, args);

    private static object InvokeValueTyped<T>(GrainProxy proxy, GrainMethod method, object?[] args) => new ValueTask<T>(Typed<T>(proxy, method, args));

    private static object Stream<T>(GrainProxy proxy, GrainMethod method, object?[] args) => proxy._calls!.StreamAsync<T>(proxy._grainId, method, args);

    private static async Task<T> Typed<T>(GrainProxy proxy, GrainMethod method, object?[] args)
    {
        var result = await proxy._calls!.InvokeAsync(proxy._grainId, method, args);
        return result is { } element ? element.Deserialize<T>(WireJson.Options)! : default!;
    }
}
