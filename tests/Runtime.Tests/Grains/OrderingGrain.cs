namespace Lens.Runtime.Tests.Grains;

public sealed class OrderingGrain : Grain, IOrderingGrain
{
    private readonly List<int> _order = [];
    private int _exclusive;
    private int _reads;
    private int _maxExclusive;
    private int _maxReads;
    private int _readsDuringExclusive;

    public async Task Enter(int number, int milliseconds)
    {
        var inside = Interlocked.Increment(ref _exclusive);
        _maxExclusive = Math.Max(_maxExclusive, inside);
        if (Volatile.Read(ref _reads) > 0) Interlocked.Increment(ref _readsDuringExclusive);
        _order.Add(number);
        await Task.Delay(milliseconds);
        Interlocked.Decrement(ref _exclusive);
    }

    public async Task<int> Read(int milliseconds)
    {
        var reads = Interlocked.Increment(ref _reads);
        lock (_order) _maxReads = Math.Max(_maxReads, reads);
        if (Volatile.Read(ref _exclusive) > 0) Interlocked.Increment(ref _readsDuringExclusive);
        await Task.Delay(milliseconds);
        Interlocked.Decrement(ref _reads);
        return reads;
    }

    public Task<int> Probe() => Task.FromResult(Volatile.Read(ref _exclusive));

    public Task<OrderingReport> Report() => Task.FromResult(new OrderingReport(_order.ToList(), _maxExclusive, _maxReads, _readsDuringExclusive));
}
