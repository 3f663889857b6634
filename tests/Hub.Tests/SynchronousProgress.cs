namespace Lens.Hub.Tests;

/// <summary>Records reports as they are made (Progress&lt;T&gt; would post them to the thread pool, out of order).</summary>
public sealed class SynchronousProgress<T> : IProgress<T>
{
    private readonly List<T> _reports = [];
    public IReadOnlyList<T> Reports { get { lock (_reports) return [.. _reports]; } }
    public void Report(T value) { lock (_reports) _reports.Add(value); }
}
