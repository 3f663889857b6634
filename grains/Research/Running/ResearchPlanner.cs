using System.Text.RegularExpressions;
using Lens.Analyses;
using Lens.GrainInterfaces.Models;
using Lens.GrainInterfaces.Research;
using Lens.Grains.Models;

namespace Lens.Grains.Research.Running;

/// <summary>
/// Turns a submitted run into its pinned <see cref="ResearchPlan"/>, checking everything that can be checked before the
/// first batch: the fields, the models (held here, with a tokenizer; the same vocabulary for KL), the dataset (found,
/// well formed, every prompt within the model's context). Every refusal is an <see cref="ArgumentException"/> that names
/// the field. Loads the models and reads the dataset, so it runs off the grain's turn.
/// </summary>
internal static partial class ResearchPlanner
{
    public static ResearchPlan Plan(string id, string owner, ResearchRunSpec spec, LoadedModels models, ResearchDatasets datasets, DateTimeOffset now)
    {
        if (!RunId().IsMatch(id)) throw new ArgumentException($"run id '{id}' must be 1 to 64 letters, digits, '-' or '_'");
        if (string.IsNullOrWhiteSpace(owner)) throw new ArgumentException("a research run needs an owner");
        var kind = spec.Kind ?? throw new ArgumentException("kind is required: kl, refusal, mmlu or capture");
        var model = Model("model", spec.Model, models);
        string? baseline = null;
        if (kind == ResearchRunKind.Kl) baseline = Model("baseline_model", spec.BaselineModel ?? throw new ArgumentException("baseline_model is required for a kl run: the model whose distributions KL is measured from"), models);
        else if (spec.BaselineModel is not null) throw new ArgumentException($"baseline_model applies to kl runs only, not {kind.ToString().ToLowerInvariant()}");
        var settings = ResearchSettingsRules.Resolve(kind, spec.Settings);
        var dataset = spec.Dataset ?? "";
        var path = datasets.Resolve(dataset);
        var sha = ResearchDatasets.Fingerprint(path);
        ResearchInputs inputs;
        try { inputs = ResearchInputs.Read(kind, path, settings); }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"dataset '{dataset}': {e.Message}", e);
        }

        using (var lease = models.Rent(model))
        using (var baselineLease = baseline is null ? null : models.Rent(baseline))
        {
            var loaded = lease.Model;
            var codec = loaded.Codec ?? throw new ArgumentException($"model '{model}' has no tokenizer (tokenizer.json or tokenizer.bin), so it cannot read text prompts");
            if (baselineLease?.Model is { } reference && reference.Transformer.Config.Vocab != loaded.Transformer.Config.Vocab)
                throw new ArgumentException($"baseline_model '{baseline}' has a vocabulary of {reference.Transformer.Config.Vocab} tokens and model '{model}' of {loaded.Transformer.Config.Vocab}: KL needs the same vocabulary");
            CheckLengths(kind, inputs, settings, codec, loaded.Transformer.Config.ContextLength, dataset);
        }

        return new ResearchPlan
        {
            Id = id, Owner = owner, Kind = kind, Model = model, BaselineModel = baseline,
            Dataset = dataset, DatasetPath = path, DatasetSha256 = sha, Items = inputs.Count,
            Settings = settings, Created = now,
        };
    }

    private static string Model(string field, string? name, LoadedModels models)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new ArgumentException($"{field} is required: one of {(models.Names.Count == 0 ? "(no models on this silo)" : string.Join(", ", models.Names))}");
        if (!models.Holds(name))
            throw new ModelUnavailableException(name, $"this silo holds {(models.Names.Count == 0 ? "no models" : "only " + string.Join(", ", models.Names))}"
                + (field == "baseline_model" ? "; a kl run needs its model and baseline_model on one silo" : ""));
        return name;
    }

    // A prompt longer than the context fails deep in the forward pass; here it fails naming the item.
    private static void CheckLengths(ResearchRunKind kind, ResearchInputs inputs, ResearchSettings settings, ITextCodec codec, int context, string dataset)
    {
        var generated = kind == ResearchRunKind.Capture ? settings.MaxNewTokens!.Value - 1 : 0;
        for (var i = 0; i < inputs.Count; i++)
        {
            var tokens = kind == ResearchRunKind.Mmlu
                ? codec.Encode(MmluPrompt.Build(inputs.Questions[i], MmluPrompt.ShotsFor(inputs.Questions[i], inputs.Questions, settings.Shots!.Value))).Length
                : PromptRendering.Encode(codec, inputs.Prompts[i]).Length;
            if (tokens + generated > context)
                throw new ArgumentException($"dataset '{dataset}': item {i} is {tokens} tokens{(generated > 0 ? $" plus {generated + 1} generated" : "")}, beyond the model's context of {context}"
                    + (kind == ResearchRunKind.Mmlu ? "; lower settings.shots" : ""));
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex RunId();
}
