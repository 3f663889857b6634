using System.Diagnostics;

namespace Lens.Engine.Tensors;

/// <summary>
/// A fixed team of threads for the forward pass. Workers spin briefly between jobs (decode issues ~100 small jobs per
/// token, and waking a blocked thread costs more than the job) and block when idle for longer.
/// The calling thread is member 0.
/// </summary>
public sealed class ThreadTeam : IDisposable
{
    private static readonly long SpinTicks = Stopwatch.Frequency / 500; // 2 ms
    private readonly Thread[] _workers;
    private readonly object _gate = new();
    private Action<int>? _job;
    private long _generation;
    private int _pending;
    private volatile bool _disposed;
    private Exception? _failure;

    public int Size { get; }

    public ThreadTeam(int size)
    {
        Size = Math.Max(1, size);
        _workers = new Thread[Size - 1];
        for (var i = 0; i < _workers.Length; i++)
        {
            var member = i + 1;
            _workers[i] = new Thread(() => WorkerLoop(member)) { IsBackground = true, Name = $"lens-engine-{member}" };
            _workers[i].Start();
        }
    }

    /// <summary>Runs <paramref name="job"/>(member) once on every member, 0..Size-1, and waits for all.</summary>
    public void Run(Action<int> job)
    {
        if (Size == 1) { job(0); return; }
        _failure = null;
        _job = job;
        Volatile.Write(ref _pending, Size - 1);
        lock (_gate) { _generation++; Monitor.PulseAll(_gate); }
        try { job(0); }
        finally
        {
            var spinner = new SpinWait();
            while (Volatile.Read(ref _pending) > 0) spinner.SpinOnce(-1);
        }
        if (_failure is { } failure) throw new AggregateException(failure);
    }

    /// <summary>Splits [0, count) into one contiguous range per member, boundaries aligned to <paramref name="align"/>.</summary>
    public void For(int count, int align, Action<int, int> range)
    {
        var parts = Math.Min(Size, Math.Max(1, (count + align - 1) / align));
        if (parts == 1) { range(0, count); return; }
        var blocks = (count + align - 1) / align;
        Run(member =>
        {
            if (member >= parts) return;
            var start = (int)((long)blocks * member / parts) * align;
            var end = Math.Min(count, (int)((long)blocks * (member + 1) / parts) * align);
            if (start < end) range(start, end);
        });
    }

    /// <summary>Runs body(i) for i in [0, count), items claimed dynamically (uneven item costs, e.g. attention rows).</summary>
    public void ForEach(int count, Action<int> body)
    {
        if (Size == 1 || count == 1) { for (var i = 0; i < count; i++) body(i); return; }
        var next = -1;
        Run(_ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count) body(i);
        });
    }

    private void WorkerLoop(int member)
    {
        long seen = 0;
        while (true)
        {
            var start = Stopwatch.GetTimestamp();
            var spinner = new SpinWait();
            while (Volatile.Read(ref _generation) == seen && !_disposed)
            {
                if (Stopwatch.GetTimestamp() - start < SpinTicks) { spinner.SpinOnce(-1); continue; }
                lock (_gate) { while (_generation == seen && !_disposed) Monitor.Wait(_gate); }
            }
            if (_disposed) return;
            seen = Volatile.Read(ref _generation);
            try { _job!(member); }
            catch (Exception e) { _failure = e; }
            finally { Interlocked.Decrement(ref _pending); }
        }
    }

    public void Dispose()
    {
        _disposed = true;
        lock (_gate) Monitor.PulseAll(_gate);
        foreach (var w in _workers) w.Join();
    }
}
