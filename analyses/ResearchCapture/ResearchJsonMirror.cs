using System.Text.Json;

namespace Lens.Analyses;

/// <summary>
/// Writes what a research capture stores as plain JSON (float32 values, ragged rows without padding) to a byte
/// counter: the size the same data would take as JSON, without keeping it.
/// </summary>
public sealed class ResearchJsonMirror : IDisposable
{
    private readonly ByteCountingStream _counter = new();
    private readonly Utf8JsonWriter _w;

    public ResearchJsonMirror(ReadOnlySpan<int> prompt)
    {
        _w = new Utf8JsonWriter(_counter);
        _w.WriteStartObject();
        _w.WriteStartArray("prompt_ids");
        foreach (var id in prompt) _w.WriteNumberValue(id);
        _w.WriteEndArray();
        _w.WriteStartArray("steps");
    }

    public long Bytes { get { _w.Flush(); return _counter.Length; } }
    public Utf8JsonWriter Writer => _w;

    public void BeginStep(int step, int queries)
    {
        _w.WriteStartObject();
        _w.WriteNumber("step", step);
        _w.WriteNumber("queries", queries);
        _w.WriteStartArray("layers");
    }

    public void EndStep(int token, ReadOnlySpan<int> ids, ReadOnlySpan<float> probs)
    {
        _w.WriteEndArray();
        _w.WriteNumber("token", token);
        _w.WriteStartArray("alternatives");
        for (var i = 0; i < ids.Length; i++)
        {
            _w.WriteStartObject();
            _w.WriteNumber("id", ids[i]);
            _w.WriteNumber("prob", probs[i]);
            _w.WriteEndObject();
        }
        _w.WriteEndArray();
        _w.WriteEndObject();
        _w.Flush(); // the writer buffers until flushed: once per step keeps that buffer one step long
    }

    public void End()
    {
        _w.WriteEndArray();
        _w.WriteEndObject();
        _w.Flush();
    }

    /// <summary>Nested arrays of <paramref name="data"/> with the given shape.</summary>
    public void Array(string name, ReadOnlySpan<float> data, params int[] shape)
    {
        _w.WritePropertyName(name);
        Nested(data, shape, 0);
    }

    private void Nested(ReadOnlySpan<float> data, int[] shape, int axis)
    {
        _w.WriteStartArray();
        if (axis == shape.Length - 1) foreach (var v in data) _w.WriteNumberValue(v);
        else
        {
            var stride = data.Length / shape[axis];
            for (var i = 0; i < shape[axis]; i++) Nested(data.Slice(i * stride, stride), shape, axis + 1);
        }
        _w.WriteEndArray();
    }

    public void Dispose() { _w.Dispose(); _counter.Dispose(); }
}
