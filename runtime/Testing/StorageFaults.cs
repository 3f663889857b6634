using Lens.Runtime.Storage;

namespace Lens.Runtime.Testing;

/// <summary>Switches of a fault-injecting storage decorator: a killed silo, a storage outage, or the next N calls failing.</summary>
public sealed class StorageFaults
{
    private int _failNext;

    /// <summary>Every call fails, like a dead process that can no longer write.</summary>
    public volatile bool Killed;

    /// <summary>Every call fails with <see cref="StorageUnavailableException"/> until cleared.</summary>
    public volatile bool Outage;

    /// <summary>Operations (interface method names) the outage applies to; empty = all.</summary>
    public HashSet<string> OutageOperations { get; } = [];

    /// <summary>Fails the next <paramref name="count"/> calls.</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref _failNext, count);

    /// <summary>Calls failed so far.</summary>
    public int Injected => _injected;

    private int _injected;

    internal Exception? Check(string operation)
    {
        if (Killed) return Fail(new StorageUnavailableException($"{operation} (silo killed)"));
        if (Outage && (OutageOperations.Count == 0 || OutageOperations.Contains(operation))) return Fail(new StorageUnavailableException($"{operation} (injected outage)"));
        if (Volatile.Read(ref _failNext) > 0 && Interlocked.Decrement(ref _failNext) >= 0) return Fail(new StorageUnavailableException($"{operation} (injected failure)"));
        return null;
    }

    private Exception Fail(Exception exception)
    {
        Interlocked.Increment(ref _injected);
        return exception;
    }
}
