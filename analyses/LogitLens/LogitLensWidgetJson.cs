using System.Text.Json;

namespace Lens.Analyses;

/// <summary>
/// The web widget's form of a logit lens: <c>{tokens, layers, cells[position][layer]}</c>, each cell
/// <c>{token, prob, entropy, next_rank, next_prob, topk:[{token, id, prob, trajectory}]}</c>; trajectories only with tracking.
/// </summary>
public static class LogitLensWidgetJson
{
    /// <summary>The <c>tokens</c> and <c>layers</c> properties every logit-lens JSON form starts with.</summary>
    public static void WriteTokensAndLayers(Utf8JsonWriter w, LogitLensResult r, Func<int, string> tokenText)
    {
        w.WriteStartArray("tokens");
        foreach (var id in r.InputIds) w.WriteStringValue(tokenText(id));
        w.WriteEndArray();
        w.WriteStartArray("layers");
        foreach (var l in r.Layers) w.WriteNumberValue(l);
        w.WriteEndArray();
    }

    public static void Write(Utf8JsonWriter w, LogitLensResult r, Func<int, string> tokenText)
    {
        w.WriteStartObject();
        WriteTokensAndLayers(w, r, tokenText);
        w.WriteStartArray("cells");
        for (var t = 0; t < r.Positions; t++)
        {
            w.WriteStartArray();
            for (var a = 0; a < r.Layers.Length; a++) WriteCell(w, r, a, t, tokenText);
            w.WriteEndArray();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static long ByteCount(LogitLensResult r, Func<int, string> tokenText)
    {
        using var counter = new ByteCountingStream();
        using (var w = new Utf8JsonWriter(counter)) Write(w, r, tokenText);
        return counter.Length;
    }

    private static void WriteCell(Utf8JsonWriter w, LogitLensResult r, int a, int t, Func<int, string> tokenText)
    {
        var cell = r.Cell(a, t);
        var k = r.TopK;
        w.WriteStartObject();
        w.WriteString("token", tokenText(r.TopIds[cell * k]));
        w.WriteNumber("prob", r.TopProbs[cell * k]);
        w.WriteNumber("entropy", r.Entropy[cell]);
        if (r.NextRank[cell] >= 0) { w.WriteNumber("next_rank", r.NextRank[cell]); w.WriteNumber("next_prob", r.NextProb[cell]); }
        w.WriteStartArray("topk");
        for (var j = 0; j < k; j++)
        {
            var id = r.TopIds[cell * k + j];
            w.WriteStartObject();
            w.WriteString("token", tokenText(id));
            w.WriteNumber("id", id);
            w.WriteNumber("prob", r.TopProbs[cell * k + j]);
            if (r.TrackedIds is not null)
            {
                w.WriteStartArray("trajectory");
                foreach (var p in r.Trajectory(t, id)) w.WriteNumberValue(p);
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
