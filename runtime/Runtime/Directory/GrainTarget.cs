using Lens.Runtime.Catalog;

namespace Lens.Runtime.Directory;

/// <summary>Where a call goes: a local activation, or another silo's address.</summary>
internal readonly record struct GrainTarget(Activation? Activation, string? Address)
{
    public static GrainTarget Local(Activation activation) => new(activation, null);

    public static GrainTarget Remote(string address) => new(null, address);
}
