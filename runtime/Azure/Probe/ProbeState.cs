namespace Lens.Runtime.Azure.Probe;

/// <summary>The probe's state: the recorded values in order.</summary>
public sealed class ProbeState
{
    /// <summary>Recorded values.</summary>
    public List<long> Values { get; set; } = [];

    /// <summary>Folds one event.</summary>
    public void Apply(ProbeRecorded recorded) => Values.Add(recorded.Value);
}
