using Lens.GrainInterfaces.Models;
using Lens.GrainInterfaces.Research;
using Lens.Grains.Models;

namespace Lens.Grains.Research.Running;

/// <summary>
/// The computing side of a run, opened from its plan on the silo its worker is on: its models borrowed, its
/// dataset read (and checked unchanged). Runs one batch at a time on a worker thread; batches are independent, so a
/// batch redone after a crash gives the same outcome.
/// </summary>
internal abstract class ResearchJob(ResearchPlan plan, ResearchInputs inputs, IReadOnlyList<ModelLease> leases) : IDisposable
{
    protected ResearchPlan Plan { get; } = plan;
    protected ResearchInputs Inputs { get; } = inputs;

    /// <summary>Computes batch <paramref name="batch"/> of the plan.</summary>
    public ResearchBatchOutcome Run(int batch, CancellationToken cancel)
    {
        var (start, count) = Plan.BatchRange(batch);
        return Run(start, count, cancel);
    }

    protected abstract ResearchBatchOutcome Run(int start, int count, CancellationToken cancel);

    /// <exception cref="ResearchJobException">The dataset changed or is gone, or a model cannot be loaded here.</exception>
    public static ResearchJob Open(ResearchPlan plan, LoadedModels models, string outputDirectory)
    {
        if (!File.Exists(plan.DatasetPath)) throw new ResearchJobException($"dataset '{plan.Dataset}' is no longer at {plan.DatasetPath}");
        if (ResearchDatasets.Fingerprint(plan.DatasetPath) != plan.DatasetSha256)
            throw new ResearchJobException($"dataset '{plan.Dataset}' changed since the run started (its SHA-256 is no longer {plan.DatasetSha256})");
        var inputs = ResearchInputs.Read(plan.Kind, plan.DatasetPath, plan.Settings);
        if (inputs.Count != plan.Items) throw new ResearchJobException($"dataset '{plan.Dataset}' now reads as {inputs.Count} items, not {plan.Items}");

        var leases = new List<ModelLease>();
        try
        {
            leases.Add(Rent(models, plan.Model));
            if (plan.BaselineModel is { } baseline) leases.Add(Rent(models, baseline));
            var model = leases[0].Model;
            return plan.Kind switch
            {
                ResearchRunKind.Kl => new KlJob(plan, inputs, leases, model, leases[1].Model),
                ResearchRunKind.Refusal => new RefusalJob(plan, inputs, leases, model),
                ResearchRunKind.Mmlu => new MmluJob(plan, inputs, leases, model),
                ResearchRunKind.Capture => new CaptureJob(plan, inputs, leases, model, Path.Combine(outputDirectory, plan.Id)),
                _ => throw new ResearchJobException($"unknown run kind {plan.Kind}"),
            };
        }
        catch
        {
            foreach (var lease in leases) lease.Dispose();
            throw;
        }
    }

    private static ModelLease Rent(LoadedModels models, string name)
    {
        try { return models.Rent(name); }
        catch (Exception e) when (e is ModelUnavailableException or ObjectDisposedException) { throw new ResearchJobException(e.Message, e); }
    }

    public void Dispose()
    {
        foreach (var lease in leases) lease.Dispose();
    }
}
