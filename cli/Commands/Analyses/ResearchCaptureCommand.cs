using System.Diagnostics;
using System.Text.Json.Nodes;
using Lens.Analyses;
using Lens.Cli.CommandLine;

namespace Lens.Cli.Commands;

/// <summary><c>lens research-capture</c>: greedy generation with per-step attention written to a Zarr v2 store.</summary>
public sealed class ResearchCaptureCommand : ICliCommand
{
    public string Name => "research-capture";
    public string Usage => "research-capture --model DIR (--prompt TEXT | --ids 1,2,3) --max-new-tokens N --detail summary|attention_only|top_heads|full --out STORE.zarr [--top-heads N] [--alternatives N] [--threads N]";

    public int Run(CliArguments args, CliOutput output)
    {
        var ids = ModelArguments.Ids(args);
        var prompt = args.Optional("prompt");
        var maxNew = AnalysisInputs.PositiveInt(args, "max-new-tokens", 16);
        var detailName = args.Required("detail");
        var detail = detailName switch
        {
            "summary" => CaptureDetail.Summary,
            "attention_only" => CaptureDetail.AttentionOnly,
            "top_heads" => CaptureDetail.TopHeads,
            "full" => CaptureDetail.Full,
            _ => throw new CliUsageException($"--detail must be summary, attention_only, top_heads or full, got '{detailName}'"),
        };
        var store = args.Required("out");
        var topHeads = AnalysisInputs.PositiveInt(args, "top-heads", 4);
        var alternatives = AnalysisInputs.PositiveInt(args, "alternatives", 5);
        var modelArgs = new ModelArguments(args);
        args.EnsureAllUsed();

        using var model = modelArgs.Load();
        var codec = TextCodecs.Open(modelArgs.Path);
        var input = AnalysisInputs.PromptIds(ids, prompt, codec, modelArgs.Path);
        var clock = Stopwatch.StartNew();
        var result = ResearchCapture.Run(model, input, new ResearchCaptureOptions(maxNew, detail, topHeads, alternatives), store, codec is null ? null : codec.TokenText);
        var json = new JsonObject
        {
            ["out"] = Path.GetFullPath(store),
            ["detail"] = detailName,
            ["steps"] = result.Steps,
            ["ids"] = new JsonArray(result.Tokens.Select(i => (JsonNode)i).ToArray()),
            ["store_bytes"] = result.StoreBytes,
            ["json_bytes"] = result.JsonBytes,
            ["json_over_store"] = Math.Round((double)result.JsonBytes / result.StoreBytes, 2),
            ["seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 3),
            ["peak_working_set_bytes"] = Process.GetCurrentProcess().PeakWorkingSet64,
        };
        if (codec is not null) json["text"] = codec.Decode(result.Tokens);
        output.Result(json);
        return 0;
    }
}
