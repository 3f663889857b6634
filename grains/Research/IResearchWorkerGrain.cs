using Lens.GrainInterfaces.Research;
using Lens.Grains.Research.Running;

namespace Lens.Grains.Research;

/// <summary>
/// The computing half of one research run, on a silo that holds its model (key <see cref="Key"/>): checks a submitted
/// run there, and computes its batches one after another, handing each to the run (<see cref="IResearchRunCheckpoint"/>)
/// to be journaled. Holds nothing durable: if its silo dies, the run starts it again elsewhere.
/// </summary>
public interface IResearchWorkerGrain : IGrainWithStringKey
{
    /// <summary>The worker of run <paramref name="runId"/> measuring <paramref name="model"/>: the model first, as model placement reads keys.</summary>
    static string Key(string model, string runId) => $"{model}#{runId}";

    /// <summary>Checks <paramref name="spec"/> against this silo's models and datasets and pins it as a plan.</summary>
    /// <exception cref="ArgumentException">A field is missing or wrong (the message names it).</exception>
    Task<ResearchPlan> Plan(string runId, string owner, ResearchRunSpec spec);

    /// <summary>Starts computing <paramref name="plan"/> from <paramref name="batch"/> on, unless it is computing already; returns at once.</summary>
    Task Work(ResearchPlan plan, int batch);

    /// <summary>Whether it is computing (or waiting for a run slot).</summary>
    Task<bool> IsWorking();

    /// <summary>Stops computing; the batch in hand is dropped.</summary>
    Task Stop();
}
