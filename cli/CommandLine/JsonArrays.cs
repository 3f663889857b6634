using System.Text.Json;

namespace Lens.Cli.CommandLine;

/// <summary>Writes flat row-major data as nested JSON arrays of a given shape.</summary>
public static class JsonArrays
{
    public static void Write(Utf8JsonWriter writer, ReadOnlySpan<float> data, params int[] shape) =>
        Write(writer, data, shape, 0, static (w, v) => w.WriteNumberValue(v));

    public static void Write(Utf8JsonWriter writer, ReadOnlySpan<int> data, params int[] shape) =>
        Write(writer, data, shape, 0, static (w, v) => w.WriteNumberValue(v));

    private static void Write<T>(Utf8JsonWriter writer, ReadOnlySpan<T> data, int[] shape, int axis, Action<Utf8JsonWriter, T> value)
    {
        writer.WriteStartArray();
        if (axis == shape.Length - 1)
            foreach (var v in data) value(writer, v);
        else
        {
            var stride = data.Length / shape[axis];
            for (var i = 0; i < shape[axis]; i++) Write(writer, data.Slice(i * stride, stride), shape, axis + 1, value);
        }
        writer.WriteEndArray();
    }
}
