namespace Lens.Cluster.Tests.Grains;

public sealed class FaultyGrain : Grain, IFaultyGrain
{
    public Task Throw(string kind, string message) => throw (kind switch
    {
        "argument" => new ArgumentException(message),
        "missing" => new KeyNotFoundException(message),
        "denied" => new UnauthorizedAccessException(message),
        _ => (Exception)new InvalidOperationException(message),
    });
}
