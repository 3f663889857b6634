namespace Lens.Runtime.Catalog;

/// <summary>How a grain method returns, which decides how the invoker awaits it.</summary>
internal enum ReturnKind
{
    Task,
    TaskOfT,
    ValueTask,
    ValueTaskOfT,
    AsyncEnumerable,
}
