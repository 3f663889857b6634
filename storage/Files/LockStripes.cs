namespace Lens.Storage.Files;

/// <summary>A fixed set of in-process gates shared by keys, so the number of semaphores stays bounded however many files there are.</summary>
internal sealed class LockStripes
{
    private readonly SemaphoreSlim[] _gates = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public SemaphoreSlim For(string key) => _gates[(uint)StringComparer.Ordinal.GetHashCode(key) % (uint)_gates.Length];
}
