using System.Reflection;

namespace Lens.Runtime.Catalog;

/// <summary>The filter chain of one incoming call; the last link invokes the grain method.</summary>
internal sealed class GrainCallContext(IReadOnlyList<IGrainCallFilter> filters, Grain grain, GrainMethod method, object?[] arguments, Func<GrainCallContext, Task> terminal)
    : IGrainCallContext
{
    private int _next;

    public GrainId GrainId => grain.GrainId;

    public Grain Grain => grain;

    public MethodInfo InterfaceMethod => method.Method;

    public GrainMethod GrainMethod => method;

    public object?[] Arguments => arguments;

    public object? Result { get; set; }

    public Task Invoke()
    {
        var index = _next++;
        return index < filters.Count ? filters[index].Invoke(this) : terminal(this);
    }
}
