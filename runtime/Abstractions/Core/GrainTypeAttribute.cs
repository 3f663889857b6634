namespace Lens.Runtime;

/// <summary>
/// Names a grain interface's type in grain ids (default: the interface name without the leading
/// <c>I</c> and trailing <c>Grain</c>, lower-cased: <c>IConversationGrain</c> → <c>conversation</c>).
/// Set it to keep journals when renaming an interface.
/// </summary>
[AttributeUsage(AttributeTargets.Interface)]
public sealed class GrainTypeAttribute(string name) : Attribute
{
    /// <summary>The type name, no <c>/</c>.</summary>
    public string Name { get; } = name;
}
