using System.Text;

namespace Lens.Runtime;

/// <summary>A hash that is the same in every process and version (string.GetHashCode is randomized).</summary>
public static class StableHash
{
    /// <summary>FNV-1a over UTF-8 with a murmur finalizer for better spread on the ring.</summary>
    public static uint Of(string value)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            hash = (hash ^ b) * 16777619u;
        }
        hash ^= hash >> 16;
        hash *= 0x85ebca6bu;
        hash ^= hash >> 13;
        hash *= 0xc2b2ae35u;
        hash ^= hash >> 16;
        return hash;
    }
}
