namespace Lens.Hub.Tests;

/// <summary>Tests that change process-wide state (environment variables, current folder, Console.Error) run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    public const string Name = "process environment";
}
