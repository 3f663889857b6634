namespace Lens.Runtime.Catalog;

/// <summary>Lifecycle of an activation.</summary>
internal enum ActivationState
{
    Activating,
    Valid,
    Deactivating,
    Invalid,
}
