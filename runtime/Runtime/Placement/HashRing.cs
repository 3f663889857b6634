using Lens.Runtime.Storage;

namespace Lens.Runtime.Placement;

/// <summary>
/// Consistent hashing over live silos (a few virtual points each): decides which silo's reminder service
/// owns which grain hashes, so ownership moves only for the ranges of a silo that joined or left.
/// </summary>
internal sealed class HashRing
{
    private const int PointsPerSilo = 4;
    private readonly (uint Point, string SiloId)[] _points;

    public HashRing(IEnumerable<string> siloIds)
    {
        _points = siloIds
            .SelectMany(id => Enumerable.Range(0, PointsPerSilo).Select(i => (StableHash.Of($"{id}#{i}"), id)))
            .OrderBy(p => p.Item1).ThenBy(p => p.id, StringComparer.Ordinal).ToArray();
    }

    public string? OwnerOf(uint hash)
    {
        if (_points.Length == 0) return null;
        foreach (var (point, id) in _points)
        {
            if (hash <= point) return id;
        }
        return _points[0].SiloId;
    }

    /// <summary>The (begin, end] ranges owned by <paramref name="siloId"/>.</summary>
    public IEnumerable<(uint Begin, uint End)> RangesOf(string siloId)
    {
        if (_points.Length == 0) yield break;
        if (_points.All(p => p.SiloId == siloId))
        {
            yield return (0, 0); // the whole ring
            yield break;
        }
        for (var i = 0; i < _points.Length; i++)
        {
            if (_points[i].SiloId != siloId) continue;
            var previous = _points[(i - 1 + _points.Length) % _points.Length].Point;
            if (previous != _points[i].Point) yield return (previous, _points[i].Point);
        }
    }

    public static bool Contains(uint begin, uint end, uint hash) => RingRange.Contains(begin, end, hash);
}
