using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lens.Analyses;
using Lens.Cli.CommandLine;
using Lens.Engine.Hooks;
using Lens.Engine.Inference;

namespace Lens.Cli.Commands;

/// <summary>
/// <c>lens validate</c>: KL divergence of the first token against a baseline (another model, or this one without the
/// intervention), refusal rate of greedy responses, or MMLU-format accuracy. Progress per batch on stderr; the full
/// report to --out, a summary to stdout. The intervention is an optional directional ablation (--direction FILE).
/// </summary>
public sealed class ValidateCommand : ICliCommand
{
    public string Name => "validate";
    public string Usage => "validate --model DIR [--baseline DIR] --kind kl|refusal|mmlu --data FILE --out FILE [--batch-size N] [--baseline-cache FILE] [--max-new-tokens N] [--shots K] [--markers FILE] [--direction FILE.json [--direction-layers 0,1]] [--threads N]";

    public int Run(CliArguments args, CliOutput output)
    {
        var kind = args.Required("kind");
        if (kind is not ("kl" or "refusal" or "mmlu")) throw new CliUsageException($"--kind must be kl, refusal or mmlu, got '{kind}'");
        var data = args.Required("data");
        var outFile = args.Required("out");
        var baselinePath = args.Optional("baseline");
        var baselineCache = args.Optional("baseline-cache");
        var batchSize = AnalysisInputs.PositiveInt(args, "batch-size", 8);
        var maxNew = AnalysisInputs.PositiveInt(args, "max-new-tokens", 32);
        var shots = args.Int("shots", 3);
        if (shots < 0) throw new CliUsageException("--shots must be zero or more");
        var markersFile = args.Optional("markers");
        var directionFile = args.Optional("direction");
        var directionLayers = args.IntList("direction-layers");
        if (directionLayers is not null && directionFile is null) throw new CliUsageException("--direction-layers needs --direction");
        if ((baselinePath ?? baselineCache) is not null && kind != "kl") throw new CliUsageException("--baseline and --baseline-cache apply to --kind kl only");
        var modelArgs = new ModelArguments(args);
        args.EnsureAllUsed();

        using var model = modelArgs.Load();
        var codec = TextCodecs.Open(modelArgs.Path);
        IForwardHooks? intervention = directionFile is null ? null : new DirectionalAblation(ReadDirection(directionFile, model.Config.Hidden), directionLayers);
        var clock = Stopwatch.StartNew();
        void Report(ValidationProgress p)
        {
            var eta = p.Done > 0 ? TimeSpan.FromSeconds(clock.Elapsed.TotalSeconds / p.Done * (p.Total - p.Done)) : TimeSpan.Zero;
            output.Progress($"validate {kind}: batch {p.Batch + 1}, {p.Done}/{p.Total}, value {p.Value:0.######}, ETA {eta:hh\\:mm\\:ss}");
        }

        var (summary, details) = kind switch
        {
            "kl" => Kl(model, codec, baselinePath, baselineCache, modelArgs.Threads, data, batchSize, intervention, Report),
            "refusal" => Refusal(model, Need(codec, modelArgs.Path), data, maxNew, markersFile, batchSize, intervention, Report),
            _ => Mmlu(model, Need(codec, modelArgs.Path), data, shots, batchSize, intervention, Report),
        };
        summary["kind"] = kind;
        summary["seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 3);
        summary["peak_working_set_bytes"] = Process.GetCurrentProcess().PeakWorkingSet64;
        var full = summary.DeepClone().AsObject();
        foreach (var (key, value) in details) full[key] = value?.DeepClone();
        output.Result(full, outFile);
        output.Result(summary);
        return 0;
    }

    private static (JsonObject, JsonObject) Kl(Transformer model, ITextCodec? codec, string? baselinePath, string? cache, int threads, string data, int batchSize,
        IForwardHooks? intervention, Action<ValidationProgress> report)
    {
        var prompts = Prompts(data, codec);
        using var baseline = Baseline(model, baselinePath, cache, threads, prompts, batchSize);
        var (mean, perPrompt) = KlEvaluation.Run(model, prompts, baseline, batchSize, intervention, report);
        return (new JsonObject { ["prompts"] = prompts.Count, ["mean_kl"] = mean, ["baseline"] = baselinePath ?? "same model without intervention" },
                new JsonObject { ["per_prompt"] = new JsonArray(perPrompt.Select(x => (JsonNode)x).ToArray()) });
    }

    private static (JsonObject, JsonObject) Refusal(Transformer model, ITextCodec codec, string data, int maxNew, string? markersFile, int batchSize,
        IForwardHooks? intervention, Action<ValidationProgress> report)
    {
        var markers = markersFile is null ? RefusalMarkers.Default : new RefusalMarkers(File.ReadAllLines(markersFile).Where(l => l.Trim().Length > 0));
        var prompts = TextLines(data);
        var (rate, outcomes) = RefusalEvaluation.Run(model, codec, prompts, maxNew, markers, batchSize, intervention, report);
        return (new JsonObject { ["prompts"] = prompts.Count, ["refusals"] = outcomes.Count(o => o.Refused), ["refusal_rate"] = rate },
                new JsonObject { ["responses"] = new JsonArray(outcomes.Select(o => (JsonNode)new JsonObject { ["prompt"] = o.Prompt, ["response"] = o.Response, ["refused"] = o.Refused }).ToArray()) });
    }

    private static (JsonObject, JsonObject) Mmlu(Transformer model, ITextCodec codec, string data, int shots, int batchSize,
        IForwardHooks? intervention, Action<ValidationProgress> report)
    {
        var r = MmluEvaluation.Run(model, codec, MmluDataset.Read(data), shots, batchSize, intervention, report);
        var subjects = new JsonObject();
        foreach (var (subject, (correct, total)) in r.BySubject)
            subjects[subject] = new JsonObject { ["correct"] = correct, ["total"] = total, ["accuracy"] = r.SubjectAccuracy(subject) };
        return (new JsonObject { ["correct"] = r.Correct, ["total"] = r.Total, ["accuracy"] = r.Accuracy, ["shots"] = shots },
                new JsonObject { ["subjects"] = subjects });
    }

    /// <summary>The baseline's distributions: read from --baseline-cache when a previous run left them there, else computed (and kept there).</summary>
    private static FirstTokenDistributions Baseline(Transformer model, string? baselinePath, string? cache, int threads, List<int[]> prompts, int batchSize)
    {
        if (cache is not null && File.Exists(cache)) return FirstTokenDistributions.Open(cache, model.Config.Vocab);
        if (baselinePath is null) return FirstTokenDistributions.Compute(model, prompts, batchSize, path: cache);
        using var other = Transformer.Load(baselinePath, threads);
        return FirstTokenDistributions.Compute(other, prompts, batchSize, path: cache);
    }

    /// <summary>A .jsonl file of {"ids": [...]} as is; otherwise one text prompt per line, through the chat template.</summary>
    private static List<int[]> Prompts(string data, ITextCodec? codec)
    {
        if (data.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase)) return new JsonlDataset(data).Samples().Select(s => s.Ids).ToList();
        var text = Need(codec, data);
        return TextLines(data).Select(p => PromptRendering.Encode(text, p)).ToList();
    }

    private static List<string> TextLines(string path) => File.ReadAllLines(path).Where(l => l.Trim().Length > 0).ToList();

    private static ITextCodec Need(ITextCodec? codec, string what) =>
        codec ?? throw new ArgumentException($"{what}: text prompts need a tokenizer in the model folder");

    private static float[] ReadDirection(string path, int hidden)
    {
        var values = JsonSerializer.Deserialize<float[]>(File.ReadAllText(path)) ?? [];
        return values.Length == hidden ? values : throw new InvalidDataException($"{path}: direction has {values.Length} values, the model's hidden size is {hidden}");
    }
}
