namespace Lens.Hub.Tests;

/// <summary>Sets environment variables (null removes one) and puts the previous values back on dispose.</summary>
public sealed class EnvironmentScope : IDisposable
{
    private readonly List<(string Name, string? Value)> _previous = [];

    public EnvironmentScope(params (string Name, string? Value)[] variables)
    {
        foreach (var (name, value) in variables)
        {
            _previous.Add((name, Environment.GetEnvironmentVariable(name)));
            Environment.SetEnvironmentVariable(name, value);
        }
    }

    public void Dispose()
    {
        foreach (var (name, value) in _previous) Environment.SetEnvironmentVariable(name, value);
    }
}
