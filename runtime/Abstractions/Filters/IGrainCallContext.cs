using System.Reflection;

namespace Lens.Runtime;

/// <summary>One incoming call as seen by <see cref="IGrainCallFilter"/>.</summary>
public interface IGrainCallContext
{
    /// <summary>The target grain.</summary>
    GrainId GrainId { get; }

    /// <summary>The grain instance.</summary>
    Grain Grain { get; }

    /// <summary>The interface method called.</summary>
    MethodInfo InterfaceMethod { get; }

    /// <summary>Deserialized arguments (a filter may replace them).</summary>
    object?[] Arguments { get; }

    /// <summary>The result once <see cref="Invoke"/> completed (for streams: the stream).</summary>
    object? Result { get; set; }

    /// <summary>Continues to the next filter or the grain method.</summary>
    Task Invoke();
}
