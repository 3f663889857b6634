using System.Diagnostics;
using System.Text.Json.Nodes;
using Lens.Cli.Bench;
using Lens.Cli.CommandLine;
using Lens.Engine.Inference;

namespace Lens.Cli.Commands;

/// <summary>
/// <c>lens batch-bench</c>: aggregate decode tokens/s of N concurrent streams stepped together through
/// <see cref="Transformer.Step"/>, per stream count, and the ratio to one stream. Decode is memory-bound: one step reads
/// every weight once whatever the number of streams, so the aggregate should grow nearly with N. Medians of --runs;
/// the ratio to one stream (when 1 is among --streams) is the median of per-run ratios.
/// </summary>
public sealed class BatchBenchCommand : ICliCommand
{
    public string Name => "batch-bench";
    public string Usage => "batch-bench --model DIR [--streams 1,4,8] [--threads N] [--weights mapped|huge-pages|auto] [--prompt-tokens 16] [--decode-tokens 32] [--runs 3]";

    public int Run(CliArguments args, CliOutput output)
    {
        var streams = args.IntList("streams") ?? [1, 4, 8];
        var promptTokens = args.Int("prompt-tokens", 16);
        var decodeTokens = args.Int("decode-tokens", 32);
        var runs = args.Int("runs", 3);
        if (streams.Length == 0 || streams.Any(s => s < 1)) throw new CliUsageException("--streams needs positive stream counts, e.g. 1,4,8");
        if (promptTokens < 1 || decodeTokens < 1 || runs < 1) throw new CliUsageException("--prompt-tokens, --decode-tokens and --runs must be positive");
        var modelArgs = new ModelArguments(args);
        args.EnsureAllUsed();

        using var model = modelArgs.Load();
        if (promptTokens + decodeTokens > model.Config.ContextLength)
            throw new CliUsageException($"--prompt-tokens + --decode-tokens ({promptTokens + decodeTokens}) exceed the model's context length of {model.Config.ContextLength}");
        var counts = streams.Distinct().Order().ToArray();
        // Warm-up: page in the weights and let the JIT reach its optimised tier for every batch width measured.
        foreach (var s in counts) Decode(model, s, promptTokens, Math.Min(decodeTokens, 8));

        // Each run measures every stream count back to back, so the ratios compare like with like on a shared machine:
        // the ratio reported is the median of per-run ratios.
        var rates = counts.ToDictionary(s => s, _ => new List<double>());
        for (var r = 0; r < runs; r++)
            foreach (var s in counts) rates[s].Add(s * decodeTokens / Decode(model, s, promptTokens, decodeTokens));

        var rows = new JsonArray();
        foreach (var s in counts)
        {
            var aggregate = Median.Of(rates[s]);
            var row = new JsonObject
            {
                ["streams"] = s,
                ["aggregate_tokens_per_s"] = Math.Round(aggregate, 2),
                ["per_stream_tokens_per_s"] = Math.Round(aggregate / s, 2),
                ["step_ms"] = Math.Round(1000.0 * s / aggregate, 2),
                ["runs_tokens_per_s"] = new JsonArray(rates[s].Select(x => (JsonNode)Math.Round(x, 2)).ToArray()),
            };
            if (rates.TryGetValue(1, out var single))
                row["ratio_to_1_stream"] = Math.Round(Median.Of(rates[s].Select((x, i) => x / single[i])), 2);
            rows.Add(row);
        }

        output.Result(new JsonObject
        {
            ["model"] = model.Source,
            ["threads"] = model.Threads,
            ["weight_bytes_per_step"] = model.MatrixBytesPerToken,
            ["prompt_tokens"] = promptTokens,
            ["decode_tokens"] = decodeTokens,
            ["runs"] = runs,
            ["results"] = rows,
        });
        return 0;
    }

    /// <summary>Seconds for <paramref name="tokens"/> steps of <paramref name="streams"/> streams, after prefilling each with a different prompt.</summary>
    private static double Decode(Transformer model, int streams, int promptTokens, int tokens)
    {
        var vocab = model.Config.Vocab;
        var sessions = Enumerable.Range(0, streams).Select(_ => model.StartSession()).ToArray();
        model.Step(sessions.Select((session, s) => new DecodeRequest(session,
            Enumerable.Range(0, promptTokens).Select(i => (i * 7919 + s * 104729 + 3) % vocab).ToArray())).ToList());
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < tokens; i++)
        {
            var results = model.Step(sessions.Select((session, s) => new DecodeRequest(session, [(i * 31 + s * 17 + 5) % vocab])).ToList());
            foreach (var r in results) r.LogitsOrThrow();
        }
        return clock.Elapsed.TotalSeconds;
    }
}
