using System.Reflection;

namespace Lens.Runtime.Catalog;

/// <summary>What the runtime needs to know about one grain interface method, computed once.</summary>
internal sealed class GrainMethod
{
    public GrainMethod(MethodInfo method)
    {
        Method = method;
        var parameters = method.GetParameters();
        CancellationTokenIndex = Array.FindIndex(parameters, p => p.ParameterType == typeof(CancellationToken));
        ParameterTypes = parameters.Where(p => p.ParameterType != typeof(CancellationToken)).Select(p => p.ParameterType).ToArray();
        ParameterCount = parameters.Length;
        (Kind, ResultType) = Classify(method);
        IsReadOnly = method.IsDefined(typeof(ReadOnlyAttribute));
        IsAlwaysInterleave = method.IsDefined(typeof(AlwaysInterleaveAttribute));
        IsIdempotent = method.IsDefined(typeof(IdempotentAttribute));
    }

    public MethodInfo Method { get; }

    public string Name => Method.Name;

    /// <summary>Wire parameters (cancellation tokens are not sent; the runtime supplies its own).</summary>
    public Type[] ParameterTypes { get; }

    public int ParameterCount { get; }

    public int CancellationTokenIndex { get; }

    public ReturnKind Kind { get; }

    /// <summary>T of Task&lt;T&gt;/ValueTask&lt;T&gt;/IAsyncEnumerable&lt;T&gt;, null otherwise.</summary>
    public Type? ResultType { get; }

    public bool IsReadOnly { get; }

    public bool IsAlwaysInterleave { get; }

    public bool IsIdempotent { get; }

    private static (ReturnKind, Type?) Classify(MethodInfo method)
    {
        var type = method.ReturnType;
        if (type == typeof(Task)) return (ReturnKind.Task, null);
        if (type == typeof(ValueTask)) return (ReturnKind.ValueTask, null);
        if (type.IsGenericType)
        {
            var definition = type.GetGenericTypeDefinition();
            var argument = type.GetGenericArguments()[0];
            if (definition == typeof(Task<>)) return (ReturnKind.TaskOfT, argument);
            if (definition == typeof(ValueTask<>)) return (ReturnKind.ValueTaskOfT, argument);
            if (definition == typeof(IAsyncEnumerable<>)) return (ReturnKind.AsyncEnumerable, argument);
        }
        throw new NotSupportedException($"Grain method {method.DeclaringType?.Name}.{method.Name} must return Task, Task<T>, ValueTask, ValueTask<T> or IAsyncEnumerable<T>.");
    }
}
