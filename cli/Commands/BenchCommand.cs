using System.Diagnostics;
using System.Text.Json.Nodes;
using Lens.Cli.Bench;
using Lens.Cli.CommandLine;
using Lens.Engine.Inference;

namespace Lens.Cli.Commands;

/// <summary>
/// <c>lens bench</c>: prefill tokens/s and GFLOP/s, decode tokens/s, the machine's copy bandwidth and decode as a
/// percentage of the bandwidth bound (weight bytes read per token ÷ bandwidth; copy counted STREAM-style as read + write),
/// and the same against the pure streaming-read bandwidth. Medians of --runs repetitions.
/// </summary>
public sealed class BenchCommand : ICliCommand
{
    public string Name => "bench";
    public string Usage => "bench --model DIR [--threads N] [--tokens 128] [--decode-tokens 64] [--runs 5]";

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

        model.Forward(prompt, logits: LogitsScope.Last); // warm-up: page in the weights, JIT the kernels
        var prefill = new List<double>();
        for (var r = 0; r < runs; r++)
        {
            var clock = Stopwatch.StartNew();
            model.Forward(prompt, logits: LogitsScope.Last);
            prefill.Add(clock.Elapsed.TotalSeconds);
        }
        var decode = new List<double>();
        for (var r = 0; r < runs; r++)
        {
            var session = model.StartSession();
            session.Append([1]);
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < decodeTokens; i++) session.Append([(i * 31 + 5) % c.Vocab]);
            decode.Add(decodeTokens / clock.Elapsed.TotalSeconds);
        }
        var bandwidth = CopyBandwidth.MeasureGBps(model.Threads);
        var readBandwidth = CopyBandwidth.MeasureReadGBps(model.Threads);

        var prefillSeconds = Median.Of(prefill);
        var matrixBytes = model.MatrixBytesPerToken;
        var weightBytesPerElement = matrixBytes / (double)MatrixParameters(c);
        var flops = PrefillFlops(c, promptTokens);
        var decodeTps = Median.Of(decode);
        var boundTps = bandwidth * 1e9 / matrixBytes;
        output.Result(new JsonObject
        {
            ["model"] = model.Source,
            ["dtype_bytes_per_weight"] = weightBytesPerElement,
            ["threads"] = model.Threads,
            ["runs"] = runs,
            ["prefill_tokens"] = promptTokens,
            ["prefill_tokens_per_s"] = Math.Round(promptTokens / prefillSeconds, 1),
            ["prefill_gflops"] = Math.Round(flops / prefillSeconds / 1e9, 1),
            ["decode_tokens"] = decodeTokens,
            ["decode_tokens_per_s"] = Math.Round(decodeTps, 2),
            ["weight_bytes_per_token"] = matrixBytes,
            ["copy_bandwidth_gbps"] = Math.Round(bandwidth, 2),
            ["bandwidth_bound_tokens_per_s"] = Math.Round(boundTps, 2),
            ["decode_percent_of_bound"] = Math.Round(100 * decodeTps / boundTps, 1),
            ["read_bandwidth_gbps"] = Math.Round(readBandwidth, 2),
            ["decode_percent_of_read_bound"] = Math.Round(100 * decodeTps * matrixBytes / (readBandwidth * 1e9), 1),
        });
        return 0;
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
