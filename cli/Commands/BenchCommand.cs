using System.Diagnostics;
using System.Text.Json.Nodes;
using Lens.Cli.Bench;
using Lens.Cli.CommandLine;
using Lens.Engine.Inference;
using Lens.Engine.IO;

namespace Lens.Cli.Commands;

/// <summary>
/// <c>lens bench</c>: prefill tokens/s and GFLOP/s, decode tokens/s, the machine's copy bandwidth and decode as a
/// percentage of the bandwidth bound (weight bytes read per token ÷ bandwidth; copy counted STREAM-style as read + write),
/// and the same against the pure streaming-read bandwidth. Medians of --runs repetitions; --weights picks the residency.
/// </summary>
public sealed class BenchCommand : ICliCommand
{
    public string Name => "bench";
    public string Usage => "bench --model DIR [--threads N] [--weights mapped|huge-pages|auto] [--tokens 128] [--decode-tokens 64] [--runs 5]";

    public int Run(CliArguments args, CliOutput output)
    {
        var promptTokens = args.Int("tokens", 128);
        var decodeTokens = args.Int("decode-tokens", 64);
        var runs = args.Int("runs", 5);
        if (promptTokens < 1 || decodeTokens < 1 || runs < 1) throw new CliUsageException("--tokens, --decode-tokens and --runs must be positive");
        var modelArgs = new ModelArguments(args);
        args.EnsureAllUsed();

        using var model = modelArgs.Load();
        var c = model.Config;
        var prompt = Enumerable.Range(0, promptTokens).Select(i => (i * 7919 + 3) % c.Vocab).ToArray();

        // Warm-up: page in the weights and let the JIT reach its optimised tier on both paths.
        model.Forward(prompt, logits: LogitsScope.Last);
        Decode(model, decodeTokens);
        using var memory = new MemoryBandwidth(model.Threads, hugePages: true);
        using var smallPages = new MemoryBandwidth(model.Threads, hugePages: false);
        // Each run samples the bandwidth right after its decode, so the noise of a shared machine hits both sides of
        // the ratio alike; the percentages are medians of per-run ratios. The bound uses the huge-page copy rate (the
        // strictest); the 4 KB-page copy rate is the convention of a plain STREAM run, for comparing with other tools.
        var prefill = new List<double>();
        var decode = new List<double>();
        var copy = new List<double>();
        var read = new List<double>();
        var copySmallPages = new List<double>();
        var matrixBytes = model.MatrixBytesPerToken;
        for (var r = 0; r < runs; r++)
        {
            var clock = Stopwatch.StartNew();
            model.Forward(prompt, logits: LogitsScope.Last);
            prefill.Add(clock.Elapsed.TotalSeconds);

            var seconds = Decode(model, decodeTokens);
            decode.Add(decodeTokens / seconds);
            copy.Add(memory.CopyGBps());
            read.Add(memory.ReadGBps());
            copySmallPages.Add(smallPages.CopyGBps());
        }

        var prefillSeconds = Median.Of(prefill);
        var weightBytesPerElement = matrixBytes / (double)MatrixParameters(c);
        var flops = PrefillFlops(c, promptTokens);
        var decodeTps = Median.Of(decode);
        double PercentOf(List<double> gbps) => Median.Of(decode.Select((tps, i) => 100 * tps * matrixBytes / (gbps[i] * 1e9)));
        output.Result(new JsonObject
        {
            ["model"] = model.Source,
            ["dtype_bytes_per_weight"] = weightBytesPerElement,
            ["threads"] = model.Threads,
            ["weights"] = model.Residency == WeightResidency.HugePages ? "huge-pages" : "mapped",
            ["runs"] = runs,
            ["prefill_tokens"] = promptTokens,
            ["prefill_tokens_per_s"] = Math.Round(promptTokens / prefillSeconds, 1),
            ["prefill_gflops"] = Significant(flops / prefillSeconds / 1e9),
            ["decode_tokens"] = decodeTokens,
            ["decode_tokens_per_s"] = Math.Round(decodeTps, 2),
            ["weight_bytes_per_token"] = matrixBytes,
            ["copy_bandwidth_gbps"] = Math.Round(Median.Of(copy), 2),
            ["bandwidth_bound_tokens_per_s"] = Math.Round(Median.Of(copy) * 1e9 / matrixBytes, 2),
            ["decode_percent_of_bound"] = Math.Round(PercentOf(copy), 1),
            ["read_bandwidth_gbps"] = Math.Round(Median.Of(read), 2),
            ["decode_percent_of_read_bound"] = Math.Round(PercentOf(read), 1),
            ["copy_bandwidth_4k_pages_gbps"] = Math.Round(Median.Of(copySmallPages), 2),
            ["decode_percent_of_4k_pages_bound"] = Math.Round(PercentOf(copySmallPages), 1),
        });
        return 0;
    }

    /// <summary>Four significant digits: a tiny model on a loaded machine reads 0.0123, never 0.</summary>
    public static double Significant(double value) => double.Parse(value.ToString("G4", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Seconds to decode <paramref name="tokens"/> tokens one by one after a one-token prompt.</summary>
    private static double Decode(Transformer model, int tokens)
    {
        var session = model.StartSession();
        session.Append([1]);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < tokens; i++) session.Append([(i * 31 + 5) % model.Config.Vocab]);
        return clock.Elapsed.TotalSeconds;
    }

    private static long MatrixParameters(ModelConfig c) =>
        (long)c.Layers * ((long)c.Hidden * (c.QueryWidth + 2 * c.KvWidth) + (long)c.QueryWidth * c.Hidden + 3L * c.Hidden * c.Intermediate)
        + (long)c.Vocab * c.Hidden;

    /// <summary>2 FLOPs per multiply-add: all block matrices for every token, attention scores and mixing, and the last token's logits.</summary>
    private static double PrefillFlops(ModelConfig c, int t)
    {
        var blockParams = MatrixParameters(c) - (long)c.Vocab * c.Hidden;
        var attention = 4.0 * c.Layers * c.Heads * c.HeadDim * (t * (t + 1) / 2.0);
        return 2.0 * blockParams * t + attention + 2.0 * c.Vocab * c.Hidden;
    }
}
