using System.Collections.Concurrent;
using System.Reflection;

namespace Lens.Runtime.Testing;

/// <summary>Wraps any storage interface: each call first asks <see cref="StorageFaults"/> whether to fail.</summary>
public class FaultInjectingProxy<T> : DispatchProxy where T : class
{
    private static readonly ConcurrentDictionary<Type, Func<Exception, object>> s_faulted = new();
    private T? _inner;
    private StorageFaults? _faults;

    /// <summary>Creates the decorator.</summary>
    public static T Wrap(T inner, StorageFaults faults)
    {
        var proxy = Create<T, FaultInjectingProxy<T>>();
        var self = (FaultInjectingProxy<T>)(object)proxy;
        self._inner = inner;
        self._faults = faults;
        return proxy;
    }

    /// <inheritdoc />
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (_faults!.Check(targetMethod!.Name) is { } fault)
        {
            var returnType = targetMethod.ReturnType;
            if (returnType == typeof(Task)) return Task.FromException(fault);
            if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>))
                return s_faulted.GetOrAdd(returnType.GetGenericArguments()[0], static t => typeof(FaultInjectingProxy<T>)
                    .GetMethod(nameof(Faulted), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(t)
                    .CreateDelegate<Func<Exception, object>>())(fault);
            throw fault;
        }
        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
    }

    private static object Faulted<TResult>(Exception exception) => Task.FromException<TResult>(exception);
}
