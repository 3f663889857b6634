using System.Text;

namespace Lens.Tokenization.Decoders;

/// <summary>
/// Joins runs of <c>&lt;0xXX&gt;</c> tokens into text; a run that is not valid UTF-8 becomes one U+FFFD per byte,
/// as tokenizers does.
/// </summary>
internal sealed class ByteFallbackDecoder : IDecoder
{
    private static readonly UTF8Encoding s_strict = new(false, throwOnInvalidBytes: true);

    public void Decode(List<string> tokens, bool display)
    {
        var output = new List<string>(tokens.Count);
        var run = new List<byte>();
        foreach (var token in tokens)
        {
            if (TryParseByte(token, out var b)) { run.Add(b); continue; }
            Flush(run, output);
            output.Add(token);
        }
        Flush(run, output);
        tokens.Clear();
        tokens.AddRange(output);
    }

    private static void Flush(List<byte> run, List<string> output)
    {
        if (run.Count == 0) return;
        try { output.Add(s_strict.GetString(run.ToArray())); }
        catch (DecoderFallbackException) { for (var i = 0; i < run.Count; i++) output.Add("\uFFFD"); }
        run.Clear();
    }

    internal static bool TryParseByte(string token, out byte value)
    {
        value = 0;
        return token.Length == 6 && token.StartsWith("<0x", StringComparison.Ordinal) && token[5] == '>'
            && byte.TryParse(token.AsSpan(3, 2), System.Globalization.NumberStyles.HexNumber, null, out value);
    }
}
