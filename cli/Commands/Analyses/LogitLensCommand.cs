using System.Text.Json;
using Lens.Analyses;
using Lens.Cli.CommandLine;

namespace Lens.Cli.Commands;

/// <summary>
/// <c>lens logit-lens</c>: top-k per (layer, position) reduced where it is computed. Prints
/// <c>{tokens, layers, top_indices, top_probs, [tracked_indices, tracked_probs], entropy, next_rank, next_prob, bytes_binary, bytes_json, tracked_count}</c>;
/// with <c>--format binary --out FILE</c> writes the compact binary form instead and prints only the sizes.
/// </summary>
public sealed class LogitLensCommand : ICliCommand
{
    public string Name => "logit-lens";
    public string Usage => "logit-lens --model DIR (--ids 1,2,3 | --prompt TEXT) [--top-k 5] [--layers 0,4,8] [--track] [--format json|binary] [--out FILE] [--widget FILE] [--threads N]";

    public int Run(CliArguments args, CliOutput output)
    {
        var ids = ModelArguments.Ids(args);
        var prompt = args.Optional("prompt");
        var topK = AnalysisInputs.PositiveInt(args, "top-k", 5);
        var layers = args.IntList("layers");
        var track = args.Flag("track");
        var format = args.Optional("format") ?? "json";
        if (format is not ("json" or "binary")) throw new CliUsageException($"--format must be json or binary, got '{format}'");
        var outFile = args.Optional("out");
        if (format == "binary" && outFile is null) throw new CliUsageException("--format binary needs --out FILE");
        var widget = args.Optional("widget");
        var modelArgs = new ModelArguments(args);
        args.EnsureAllUsed();

        using var model = modelArgs.Load();
        var codec = TextCodecs.Open(modelArgs.Path);
        var input = AnalysisInputs.PromptIds(ids, prompt, codec, modelArgs.Path);
        var result = LogitLens.Run(model, input, new LogitLensOptions(topK, layers, track));
        var tokenText = AnalysisInputs.TokenText(codec);
        var binaryBytes = LogitLensBinary.HeaderBytes + LogitLensBinary.PayloadBytes(result);
        var jsonBytes = LogitLensWidgetJson.ByteCount(result, tokenText);
        if (widget is not null)
        {
            using var file = File.Create(widget);
            using var w = new Utf8JsonWriter(file);
            LogitLensWidgetJson.Write(w, result, tokenText);
        }

        if (format == "binary")
        {
            using (var file = File.Create(outFile!)) LogitLensBinary.Write(file, result);
            output.Result(w =>
            {
                w.WriteStartObject();
                w.WriteString("out", Path.GetFullPath(outFile!));
                WriteSizes(w, result, binaryBytes, jsonBytes);
                w.WriteEndObject();
            });
            return 0;
        }
        output.Result(w => WriteResult(w, result, tokenText, binaryBytes, jsonBytes), outFile);
        return 0;
    }

    private static void WriteResult(Utf8JsonWriter w, LogitLensResult r, Func<int, string> tokenText, long binaryBytes, long jsonBytes)
    {
        int a = r.Layers.Length, t = r.Positions, k = r.TopK;
        w.WriteStartObject();
        LogitLensWidgetJson.WriteTokensAndLayers(w, r, tokenText);
        w.WritePropertyName("top_indices");
        JsonArrays.Write(w, r.TopIds, a, t, k);
        w.WritePropertyName("top_probs");
        JsonArrays.Write(w, r.TopProbs, a, t, k);
        if (r.TrackedIds is not null && r.TrackedProbs is not null)
        {
            w.WriteStartArray("tracked_indices");
            foreach (var row in r.TrackedIds) JsonArrays.Write(w, row, row.Length);
            w.WriteEndArray();
            w.WriteStartArray("tracked_probs");
            for (var p = 0; p < t; p++) JsonArrays.Write(w, r.TrackedProbs[p], a, r.TrackedIds[p].Length);
            w.WriteEndArray();
        }
        w.WritePropertyName("entropy");
        JsonArrays.Write(w, r.Entropy, a, t);
        w.WritePropertyName("next_rank");
        JsonArrays.Write(w, r.NextRank, a, t);
        // The last position has no next token: null there (JSON has no NaN).
        w.WriteStartArray("next_prob");
        for (var l = 0; l < a; l++)
        {
            w.WriteStartArray();
            for (var p = 0; p < t; p++)
                if (r.NextRank[r.Cell(l, p)] < 0) w.WriteNullValue(); else w.WriteNumberValue(r.NextProb[r.Cell(l, p)]);
            w.WriteEndArray();
        }
        w.WriteEndArray();
        WriteSizes(w, r, binaryBytes, jsonBytes);
        w.WriteEndObject();
    }

    private static void WriteSizes(Utf8JsonWriter w, LogitLensResult r, long binaryBytes, long jsonBytes)
    {
        w.WriteNumber("bytes_binary", binaryBytes);
        w.WriteNumber("bytes_binary_payload", LogitLensBinary.PayloadBytes(r));
        w.WriteNumber("bytes_json", jsonBytes);
        w.WriteNumber("tracked_count", r.TrackedCount);
    }
}
