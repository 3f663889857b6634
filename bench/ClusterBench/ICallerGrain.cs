namespace Lens.Bench;

/// <summary>Calls an echo grain in a loop from inside the cluster and times each call.</summary>
public interface ICallerGrain : IGrainWithStringKey
{
    /// <summary>Calls <paramref name="target"/> one after another for <paramref name="duration"/>; returns each call's milliseconds.</summary>
    Task<double[]> Run(string target, TimeSpan duration);

    Task<string> Silo();
}
