namespace Lens.GrainInterfaces.Models;

/// <summary>What one silo serves, sent to the <see cref="IModelDirectoryGrain"/> every few seconds.</summary>
/// <param name="Silo">The silo's address as text.</param>
/// <param name="Models">The models it holds (loaded or not).</param>
/// <param name="Load">Per loaded model, how busy it is.</param>
/// <param name="Cache">Its activation cache.</param>
[GenerateSerializer, Immutable]
public sealed record SiloModelReport(
    [property: Id(0)] string Silo,
    [property: Id(1)] ModelDescription[] Models,
    [property: Id(2)] ModelLoad[] Load,
    [property: Id(3)] CacheStatus Cache,
    [property: Id(4)] DateTimeOffset Sent);
