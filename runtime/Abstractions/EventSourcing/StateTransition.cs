using System.Collections.Concurrent;
using System.Reflection;

namespace Lens.Runtime.EventSourcing;

/// <summary>
/// Default fold step: calls the most specific public <c>Apply(TEvent)</c> method of the state class,
/// the convention Orleans' JournaledGrain uses.
/// </summary>
internal static class StateTransition
{
    private static readonly ConcurrentDictionary<(Type State, Type Event), MethodInfo?> s_methods = new();

    public static void Apply(object state, object @event)
    {
        var method = s_methods.GetOrAdd((state.GetType(), @event.GetType()), static key => key.State
            .GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.Name == "Apply" && m.GetParameters() is [var p] && p.ParameterType.IsAssignableFrom(key.Event))
            .OrderBy(m => Depth(m.GetParameters()[0].ParameterType, key.Event))
            .FirstOrDefault());
        if (method is null)
            throw new InvalidOperationException($"{state.GetType().Name} has no Apply({@event.GetType().Name}) method; add one or override TransitionState.");
        method.Invoke(state, [@event]);
    }

    private static int Depth(Type parameter, Type actual)
    {
        var depth = 0;
        for (var t = actual; t is not null && t != parameter; t = t.BaseType) depth++;
        return parameter.IsInterface ? int.MaxValue : depth;
    }
}
