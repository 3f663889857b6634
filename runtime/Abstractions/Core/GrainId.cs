using System.Globalization;

namespace Lens.Runtime;

/// <summary>
/// Identity of a grain across the cluster: a type name (derived from the grain interface, see
/// <see cref="GrainTypeAttribute"/>) and a key. Its string form <c>type/key</c> names the journal,
/// the directory registration and reminders.
/// </summary>
/// <param name="Type">Grain type name, no <c>/</c>.</param>
/// <param name="Key">The key as a string (Guid keys as <c>N</c> format, integers invariant).</param>
public readonly record struct GrainId(string Type, string Key)
{
    /// <summary>A grain id from a Guid key.</summary>
    public static GrainId Create(string type, Guid key) => new(type, key.ToString("N"));

    /// <summary>A grain id from an integer key.</summary>
    public static GrainId Create(string type, long key) => new(type, key.ToString(CultureInfo.InvariantCulture));

    /// <summary>Parses <c>type/key</c>.</summary>
    /// <exception cref="FormatException">No <c>/</c> separator or an empty type.</exception>
    public static GrainId Parse(string value)
    {
        var slash = value.IndexOf('/');
        if (slash <= 0) throw new FormatException($"Grain id '{value}' is not of the form type/key.");
        return new GrainId(value[..slash], value[(slash + 1)..]);
    }

    /// <summary>Stable 32-bit hash of the string form, used by the ring (reminders).</summary>
    public uint StableHash() => Runtime.StableHash.Of(ToString());

    /// <inheritdoc />
    public override string ToString() => $"{Type}/{Key}";
}
