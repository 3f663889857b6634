using System.Globalization;
using Lens.Analyses;
using Lens.GrainInterfaces.Research;
using Lens.Grains.Models;

namespace Lens.Grains.Research.Running;

/// <summary>
/// A <see cref="ResearchCapture"/> of each prompt of the batch into its own Zarr store under the run's folder
/// (<c>capture/00000.zarr</c>, …). A store left half-written by a crash is removed and written again.
/// </summary>
internal sealed class CaptureJob(ResearchPlan plan, ResearchInputs inputs, IReadOnlyList<ModelLease> leases, LoadedModel model, string runFolder)
    : ResearchJob(plan, inputs, leases)
{
    /// <summary>The folder of a run's stores, inside its run folder and its export.</summary>
    public const string Folder = "capture";

    private readonly ITextCodec _codec = model.Codec ?? throw new ResearchJobException($"model '{model.Name}' has no tokenizer");

    private readonly ResearchCaptureOptions _options = new(
        plan.Settings.MaxNewTokens!.Value, ResearchSettingsRules.Detail(plan.Settings.Detail!), plan.Settings.TopHeads!.Value,
        plan.Settings.Alternatives!.Value, MirrorJson: false);

    /// <summary>The store of item <paramref name="index"/>, relative to the run folder.</summary>
    public static string StoreName(int index) => $"{Folder}/{index.ToString("D5", CultureInfo.InvariantCulture)}.zarr";

    protected override ResearchBatchOutcome Run(int start, int count, CancellationToken cancel)
    {
        var outcomes = new List<CaptureOutcome>(count);
        for (var index = start; index < start + count; index++)
        {
            cancel.ThrowIfCancellationRequested();
            var prompt = Inputs.Prompts[index];
            var name = StoreName(index);
            var store = Path.Combine(runFolder, name);
            if (Directory.Exists(store)) Directory.Delete(store, recursive: true);
            Directory.CreateDirectory(Path.GetDirectoryName(store)!);
            var result = ResearchCapture.Run(model.Transformer, PromptRendering.Encode(_codec, prompt), _options, store, _codec.TokenText);
            outcomes.Add(new CaptureOutcome(index, prompt, result.Steps, result.Tokens, _codec.Decode(result.Tokens), result.StoreBytes, name));
        }
        return new ResearchBatchOutcome { Capture = outcomes };
    }
}
