using System.Diagnostics;
using System.Text.Json.Nodes;
using Lens.Analyses;
using Lens.Cli.Bench;
using Lens.Cli.CommandLine;
using Lens.Engine.Inference;

namespace Lens.Cli.Commands;

/// <summary>
/// <c>lens cache-bench</c>: the activation cache under a chat-like load — N conversations of T tokens (a prompt, then
/// decode steps), each pass recorded and appended. Prints the caching cost per 100 tokens (the recording hook's calls and
/// the appends, beside the plain forward passes), read latencies p50/p99 of one position of one layer (the click) from memory, from
/// disk with the file open, and from an evicted conversation, and the memory and disk held by the conversations.
/// </summary>
public sealed class CacheBenchCommand : ICliCommand
{
    public string Name => "cache-bench";
    public string Usage => "cache-bench --model DIR [--conversations 10] [--tokens 200] [--prompt-tokens 20] [--chunk 64] [--reads 2000] [--dir DIR] [--threads N]";

    public int Run(CliArguments args, CliOutput output)
    {
        var conversations = args.Int("conversations", 10);
        var tokens = args.Int("tokens", 200);
        var promptTokens = args.Int("prompt-tokens", 20);
        var chunk = args.Int("chunk", 64);
        var reads = args.Int("reads", 2000);
        var dirOption = args.Optional("dir");
        if (conversations < 1 || tokens < 2 || chunk < 1 || reads < 1 || promptTokens < 1 || promptTokens >= tokens)
            throw new CliUsageException("--conversations, --chunk and --reads must be positive, and 1 ≤ --prompt-tokens < --tokens");
        var modelArgs = new ModelArguments(args);
        args.EnsureAllUsed();

        using var model = modelArgs.Load();
        if (tokens > model.Config.ContextLength) throw new CliUsageException($"--tokens {tokens} exceeds the model's context length of {model.Config.ContextLength}");
        var dir = dirOption ?? Directory.CreateTempSubdirectory("lens-cache-bench-").FullName;
        try
        {
            var shape = ResidualStreamShape.Of(model.Config);
            var ids = Enumerable.Range(0, conversations).Select(c => Enumerable.Range(0, tokens).Select(i => (i * 7919 + c * 104729 + 3) % model.Config.Vocab).ToArray()).ToArray();

            // Warm-up of both paths; plain passes give the forward cost to compare with, the recording is timed inside its
            // hook calls (a difference of two passes would drown in the noise of a shared machine).
            using var store = new ResidualStreamStore(dir, shape, memoryBudgetBytes: 1L << 40, chunk);
            Converse(model, ids[0], promptTokens, null, null);
            Converse(model, ids[0], promptTokens, store, "warm-up");
            store.Delete("warm-up");
            double plainSeconds = 0, recordSeconds = 0, appendSeconds = 0;
            for (var c = 0; c < conversations; c++)
            {
                plainSeconds += Converse(model, ids[c], promptTokens, null, null).Passes;
                var (_, r, a) = Converse(model, ids[c], promptTokens, store, $"conversation-{c}");
                recordSeconds += r; appendSeconds += a;
            }
            var per100 = 100.0 / (conversations * tokens) * 1000;

            var random = new Random(1);
            (string Conversation, int Layer, int Position) Click() => ($"conversation-{random.Next(conversations)}", random.Next(-1, shape.Layers), random.Next(tokens));
            var memory = Latencies(reads, Click, click => store.Read(click.Conversation, click.Layer, click.Position, 1));
            for (var c = 0; c < conversations; c++) store.Flush($"conversation-{c}");
            var held = store.Status(); // after the flush: the disk holds every position
            // A second store without memory reads the same files: each read opens its chunk from disk (page-cached).
            using var diskOnly = new ResidualStreamStore(dir, shape, memoryBudgetBytes: 0, chunk);
            var disk = Latencies(reads, Click, click => diskOnly.Read(click.Conversation, click.Layer, click.Position, 1));
            var cold = Latencies(Math.Min(reads, 500), () => { var click = Click(); diskOnly.Evict(click.Conversation); return click; }, click => diskOnly.Read(click.Conversation, click.Layer, click.Position, 1));
            var wholeLayer = Latencies(Math.Min(reads, 500), Click, click => store.Read(click.Conversation, click.Layer, 0, tokens));

            var raw = (long)conversations * tokens * shape.Slots * shape.Hidden * sizeof(ushort);
            output.Result(new JsonObject
            {
                ["model"] = model.Source,
                ["threads"] = model.Threads,
                ["conversations"] = conversations,
                ["tokens_per_conversation"] = tokens,
                ["chunk_positions"] = chunk,
                ["layers_cached"] = shape.Slots,
                ["forward_ms_per_100_tokens"] = Math.Round(plainSeconds * per100, 3),
                ["record_ms_per_100_tokens"] = Math.Round(recordSeconds * per100, 3),
                ["append_ms_per_100_tokens"] = Math.Round(appendSeconds * per100, 3),
                ["caching_ms_per_100_tokens"] = Math.Round((recordSeconds + appendSeconds) * per100, 3),
                ["read_one_position_memory_us"] = Percentiles(memory),
                ["read_one_position_disk_us"] = Percentiles(disk),
                ["read_one_position_evicted_us"] = Percentiles(cold),
                ["read_whole_layer_memory_us"] = Percentiles(wholeLayer),
                ["fp16_bytes"] = raw,
                ["memory_bytes"] = held.MemoryBytes,
                ["open_chunk_bytes"] = held.OpenChunkBytes,
                ["disk_bytes"] = held.DiskBytes,
                ["compression_ratio"] = Math.Round(raw / (double)held.DiskBytes, 3),
            });
        }
        finally
        {
            if (dirOption is null) Directory.Delete(dir, recursive: true);
        }
        return 0;
    }

    /// <summary>
    /// A prompt then one decode step per token; with a store, each pass is recorded and appended. Seconds of the passes,
    /// of the recording hook's calls within them, and of the appends.
    /// </summary>
    private static (double Passes, double Recording, double Appends) Converse(Transformer model, int[] ids, int promptTokens, ResidualStreamStore? store, string? conversation)
    {
        var session = model.StartSession();
        var recorder = store is null ? null : new ResidualStreamRecorder(store.Shape);
        var timed = recorder is null ? null : new TimedHooks(recorder);
        double passes = 0, appends = 0;
        for (var start = 0; start < ids.Length;)
        {
            var count = start == 0 ? promptTokens : 1;
            recorder?.Clear();
            var clock = Stopwatch.StartNew();
            session.Append(ids.AsSpan(start, count), timed);
            passes += clock.Elapsed.TotalSeconds;
            if (store is not null)
            {
                clock.Restart();
                store.Append(conversation!, recorder!);
                appends += clock.Elapsed.TotalSeconds;
            }
            start += count;
        }
        return (passes, timed?.Elapsed.TotalSeconds ?? 0, appends);
    }

    /// <summary>Microseconds of <paramref name="read"/> for <paramref name="count"/> targets; <paramref name="prepare"/> (untimed) picks each.</summary>
    private static List<double> Latencies<T>(int count, Func<T> prepare, Action<T> read)
    {
        var micros = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var target = prepare();
            var clock = Stopwatch.StartNew();
            read(target);
            micros.Add(clock.Elapsed.TotalMicroseconds);
        }
        return micros;
    }

    private static JsonObject Percentiles(List<double> micros)
    {
        var sorted = micros.Order().ToArray();
        double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        return new JsonObject { ["p50"] = Math.Round(At(0.50), 1), ["p99"] = Math.Round(At(0.99), 1), ["n"] = sorted.Length };
    }
}
