using System.Text.Json.Nodes;
using Lens.Cli.CommandLine;
using Lens.Engine.Inference;
using Lens.Engine.Sampling;

namespace Lens.Cli.Commands;

/// <summary><c>lens generate</c>: greedy or sampled continuation of --ids or --prompt.</summary>
public sealed class GenerateCommand : ICliCommand
{
    public string Name => "generate";
    public string Usage => "generate --model DIR (--ids 1,2,3 | --prompt TEXT) [--tokenizer PATH] --max-new-tokens N [--greedy | --temperature T --top-k K --top-p P --min-p P --seed S] [--threads N] [--stream]";

    public int Run(CliArguments args, CliOutput output)
    {
        var ids = ModelArguments.Ids(args);
        var prompt = args.Optional("prompt");
        if (ids is null == prompt is null) throw new CliUsageException("give exactly one of --ids or --prompt");
        var maxNew = args.Int("max-new-tokens", 64);
        if (maxNew < 0) throw new CliUsageException("--max-new-tokens must be zero or more");
        var greedy = args.Flag("greedy");
        var temperature = (float)args.Double("temperature", greedy ? 0 : 1);
        if (greedy && args.Has("temperature")) throw new CliUsageException("--greedy and --temperature exclude each other");
        var options = new GenerationOptions
        {
            MaxNewTokens = maxNew,
            Temperature = temperature,
            TopK = args.Int("top-k", 0),
            TopP = (float)args.Double("top-p", 1),
            MinP = (float)args.Double("min-p", 0),
            Seed = (ulong)args.Int("seed", 0),
        };
        try { Sampler.Validate(options); }
        catch (ArgumentException e) { throw new CliUsageException("--" + e.Message); }
        var stream = args.Flag("stream");
        var tokenizerPath = args.Optional("tokenizer");
        var modelArgs = new ModelArguments(args);
        args.EnsureAllUsed();

        using var model = modelArgs.Load();
        var tokenizer = ModelTokenizer.Find(modelArgs.Path, tokenizerPath);
        ids ??= tokenizer?.Encode(prompt!) ?? throw new ArgumentException($"{modelArgs.Path}: no tokenizer found for --prompt; pass --tokenizer PATH or --ids");
        var streamer = stream ? tokenizer?.CreateStreamingDecoder() : null;
        var stops = model.Config.EosTokenIds.Concat(tokenizer?.EosTokenIds ?? []).Distinct().ToArray();
        var result = model.Generate(ids, options with { StopTokens = stops }, id =>
        {
            if (streamer is not null) output.Stderr.Write(streamer.Push(id));
            return true;
        });
        if (streamer is not null) output.Stderr.WriteLine(streamer.Flush());
        var json = new JsonObject { ["ids"] = new JsonArray(result.Ids.Select(i => (JsonNode)i).ToArray()) };
        if (tokenizer is not null) json["text"] = tokenizer.Decode(result.Ids);
        json["stop_reason"] = result.StopReason;
        output.Result(json);
        return 0;
    }
}
