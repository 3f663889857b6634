using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lens.Cli.CommandLine;

/// <summary>Where a command writes: its JSON result to stdout or <c>--out FILE</c>, progress and errors to stderr.</summary>
public sealed class CliOutput(TextWriter stdout, TextWriter stderr)
{
    // Token text is shown as written ("Ġworld", "▁the"), not as \u escapes; output is JSON for programs, not HTML.
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public TextWriter Stdout { get; } = stdout;
    public TextWriter Stderr { get; } = stderr;

    /// <summary>Writes one JSON document as the command's result, to <paramref name="outFile"/> when given.</summary>
    public void Result(JsonNode node, string? outFile = null)
    {
        var json = node.ToJsonString(Compact);
        if (outFile is null) { Stdout.WriteLine(json); return; }
        File.WriteAllText(outFile, json + "\n");
    }

    /// <summary>Streams a large JSON result (e.g. full logits) without building a document in memory.</summary>
    public void Result(Action<Utf8JsonWriter> write, string? outFile = null)
    {
        using var buffer = outFile is null ? new MemoryStream() : (Stream)File.Create(outFile);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Compact.Encoder })) write(writer);
        if (outFile is not null) return;
        Stdout.WriteLine(System.Text.Encoding.UTF8.GetString(((MemoryStream)buffer).ToArray()));
    }

    public void Progress(string line) => Stderr.WriteLine(line);
}
