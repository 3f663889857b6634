using System.Globalization;
using System.Text;
using Lens.GrainInterfaces.Research;

namespace Lens.Grains.Research.Export;

/// <summary>A run's per-item results as CSV (RFC 4180: a header row, fields quoted when they hold a comma, quote or line break).</summary>
internal static class ResearchCsv
{
    public static string Write(ResearchResults results)
    {
        var csv = new StringBuilder();
        if (results.Kl is { } kl)
        {
            Row(csv, "index", "prompt", "kl");
            foreach (var i in kl.PerPrompt) Row(csv, Number(i.Index), i.Prompt, Number(i.Kl));
        }
        else if (results.Refusal is { } refusal)
        {
            Row(csv, "index", "prompt", "response", "refused");
            foreach (var i in refusal.PerPrompt) Row(csv, Number(i.Index), i.Prompt, i.Response, i.Refused ? "true" : "false");
        }
        else if (results.Mmlu is { } mmlu)
        {
            Row(csv, "index", "subject", "predicted", "answer", "correct");
            foreach (var i in mmlu.PerItem) Row(csv, Number(i.Index), i.Subject, Number(i.Predicted), Number(i.Answer), i.Correct ? "true" : "false");
        }
        else if (results.Capture is { } capture)
        {
            Row(csv, "index", "prompt", "steps", "store_bytes", "store", "text");
            foreach (var i in capture.PerPrompt) Row(csv, Number(i.Index), i.Prompt, Number(i.Steps), Number(i.StoreBytes), i.Store, i.Text);
        }
        return csv.ToString();
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static void Row(StringBuilder csv, params string[] fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0) csv.Append(',');
            var field = fields[i];
            if (field.AsSpan().IndexOfAny(",\"\r\n") < 0) csv.Append(field);
            else csv.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }
        csv.Append("\r\n");
    }
}
