using Lens.Runtime.Storage;

namespace Lens.Runtime.Hosting;

/// <summary>This silo incarnation: identity, address once bound, lifecycle status and lifetime token.</summary>
internal sealed class LocalSilo(SiloOptions options)
{
    private readonly CancellationTokenSource _lifetime = new();

    public string Id { get; private set; } = "";

    /// <summary>Base URI, e.g. <c>http://127.0.0.1:5000/</c>; empty until the server is bound.</summary>
    public string Address { get; private set; } = "";

    public IReadOnlyList<string> Capabilities { get; } = options.Capabilities.ToArray();

    public SiloStatus Status { get; set; } = SiloStatus.Joining;

    public bool IsActive => Status == SiloStatus.Active;

    /// <summary>Set when the silo was killed (tests) or declared dead: no graceful work any more.</summary>
    public bool IsKilled { get; private set; }

    /// <summary>Cancelled when the silo stops or dies; every background loop and outbound call links to it.</summary>
    public CancellationToken Lifetime => _lifetime.Token;

    public DateTimeOffset StartTime { get; } = DateTimeOffset.UtcNow;

    public void Bind(string host, int port)
    {
        Address = $"http://{host}:{port}/";
        Id = $"{host}:{port}@{StartTime.UtcTicks}";
    }

    public void Kill()
    {
        IsKilled = true;
        Status = SiloStatus.Dead;
        _lifetime.Cancel();
    }

    public void EndLifetime() => _lifetime.Cancel();
}
