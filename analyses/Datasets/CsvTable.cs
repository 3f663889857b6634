using System.Text;

namespace Lens.Analyses;

/// <summary>
/// Reads CSV as RFC 4180 writes it: comma-separated, a header row naming the columns, fields optionally in double
/// quotes (then holding commas, line breaks and <c>""</c> for a quote), CRLF or LF line ends. Every value is text.
/// </summary>
internal static class CsvTable
{
    public static DatasetTable Read(string path)
    {
        string text;
        try { text = File.ReadAllText(path, Encoding.UTF8); }
        catch (DecoderFallbackException e) { throw new InvalidDataException($"{path}: not UTF-8 text ({e.Message})"); }
        var records = Records(path, text).ToList();
        if (records.Count == 0) throw new InvalidDataException($"{path}: empty; a CSV dataset needs a header row naming its columns");
        var (headerLine, header) = records[0];
        for (var i = 0; i < header.Count; i++)
        {
            if (header[i].Trim().Length == 0) throw new InvalidDataException($"{path}: line {headerLine}: header column {i + 1} has no name");
            if (header.IndexOf(header[i]) != i) throw new InvalidDataException($"{path}: line {headerLine}: the header names column '{header[i]}' twice");
        }
        var rows = new List<DatasetRow>(records.Count - 1);
        foreach (var (line, fields) in records.Skip(1))
        {
            if (fields.Count == 1 && fields[0].Length == 0) continue; // a blank line
            if (fields.Count != header.Count)
                throw new InvalidDataException($"{path}: line {line} has {fields.Count} fields; the header has {header.Count} ({string.Join(", ", header)})");
            var values = new Dictionary<string, object?>(header.Count, StringComparer.Ordinal);
            for (var i = 0; i < header.Count; i++) values[header[i]] = fields[i];
            rows.Add(new DatasetRow(path, $"line {line}", values));
        }
        return new DatasetTable(path, header, rows);
    }

    /// <summary>The records with the line each starts on (a quoted field may run over several lines).</summary>
    private static IEnumerable<(int Line, List<string> Fields)> Records(string path, string text)
    {
        var line = 1;
        var i = 0;
        while (i < text.Length)
        {
            var start = line;
            var fields = new List<string>();
            var field = new StringBuilder();
            while (true)
            {
                if (i < text.Length && text[i] == '"')
                {
                    var quoteLine = line;
                    i++;
                    while (true)
                    {
                        if (i >= text.Length) throw new InvalidDataException($"{path}: line {quoteLine}: a quoted field is never closed");
                        var c = text[i++];
                        if (c == '"')
                        {
                            if (i < text.Length && text[i] == '"') { field.Append('"'); i++; continue; }
                            break;
                        }
                        if (c == '\n') line++;
                        field.Append(c);
                    }
                    if (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                        throw new InvalidDataException($"{path}: line {line}: '{text[i]}' after a closing quote; a quoted field must end at a comma or the line's end");
                }
                else
                {
                    while (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                    {
                        if (text[i] == '"') throw new InvalidDataException($"{path}: line {line}: a quote inside an unquoted field; quote the whole field and double the quote");
                        field.Append(text[i++]);
                    }
                }
                fields.Add(field.ToString());
                field.Clear();
                if (i < text.Length && text[i] == ',') { i++; continue; }
                if (i < text.Length && text[i] == '\r') i++;
                if (i < text.Length && text[i] == '\n') i++;
                line++;
                break;
            }
            yield return (start, fields);
        }
    }
}
