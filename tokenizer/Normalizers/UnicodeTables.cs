using System.Globalization;
using System.Text;

namespace Lens.Tokenization.Normalizers;

/// <summary>
/// Unicode normalization (UAX #15) from the embedded table UnicodeData.txt: decompositions, canonical
/// combining classes and composition pairs; Hangul syllables are handled algorithmically.
/// </summary>
internal sealed class UnicodeTables
{
    private const int SBase = 0xAC00, LBase = 0x1100, VBase = 0x1161, TBase = 0x11A7, LCount = 19, VCount = 21, TCount = 28, SCount = LCount * VCount * TCount;

    private static readonly Lazy<UnicodeTables> s_instance = new(Load);
    public static UnicodeTables Instance => s_instance.Value;

    private readonly Dictionary<int, byte> _combiningClass = [];
    private readonly Dictionary<int, (int[] Parts, bool Compat)> _decomposition = [];
    private readonly Dictionary<long, int> _composition = [];
    // BMP characters that NFC / NFKC may change (or that may combine with what precedes them).
    private readonly bool[] _nfcSensitive = new bool[0x10000];
    private readonly bool[] _nfkcSensitive = new bool[0x10000];

    private static UnicodeTables Load()
    {
        using var stream = typeof(UnicodeTables).Assembly.GetManifestResourceStream("Lens.Tokenization.UnicodeData.txt")
            ?? throw new InvalidOperationException("embedded resource Lens.Tokenization.UnicodeData.txt is missing");
        using var reader = new StreamReader(stream);
        var tables = new UnicodeTables();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var f = line.Split(';');
            var cp = int.Parse(f[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var ccc = byte.Parse(f[1], CultureInfo.InvariantCulture);
            if (ccc != 0) tables._combiningClass[cp] = ccc;
            var compat = f[2].Contains('K');
            if (f[3].Length > 0)
            {
                var parts = f[3].Split(' ').Select(p => int.Parse(p, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToArray();
                tables._decomposition[cp] = (parts, compat);
                if (!compat && !f[2].Contains('X') && parts.Length == 2)
                {
                    tables._composition[Key(parts[0], parts[1])] = cp;
                    if (parts[1] < 0x10000) { tables._nfcSensitive[parts[1]] = true; tables._nfkcSensitive[parts[1]] = true; }
                }
            }
            if (cp < 0x10000 && (ccc != 0 || (f[3].Length > 0 && !compat))) tables._nfcSensitive[cp] = true;
            if (cp < 0x10000 && (ccc != 0 || f[3].Length > 0)) tables._nfkcSensitive[cp] = true;
        }
        for (var c = 0xD800; c <= 0xDFFF; c++) { tables._nfcSensitive[c] = true; tables._nfkcSensitive[c] = true; }
        for (var c = LBase; c < LBase + LCount; c++) { tables._nfcSensitive[c] = true; tables._nfkcSensitive[c] = true; }
        for (var c = VBase; c < VBase + VCount; c++) { tables._nfcSensitive[c] = true; tables._nfkcSensitive[c] = true; }
        for (var c = TBase + 1; c < TBase + TCount; c++) { tables._nfcSensitive[c] = true; tables._nfkcSensitive[c] = true; }
        return tables;
    }

    private static long Key(int a, int b) => ((long)a << 21) | (uint)b;

    private int CombiningClass(int cp) => _combiningClass.TryGetValue(cp, out var c) ? c : 0;

    public string Normalize(string text, bool compatibility, bool compose)
    {
        if (!compose) return NormalizeSpan(text, compatibility, compose: false);
        // Composed forms: characters that neither change nor combine with a neighbour are copied; only the
        // stretches around the others are normalized (such a character next to another one is a hard boundary).
        var sensitive = compatibility ? _nfkcSensitive : _nfcSensitive;
        bool Stable(int i) => !sensitive[text[i]] && (i + 1 == text.Length || !sensitive[text[i + 1]]);
        StringBuilder? output = null;
        for (var i = 0; i < text.Length;)
        {
            if (Stable(i)) { output?.Append(text[i]); i++; continue; }
            var end = i + 1;
            while (end < text.Length && !Stable(end)) end++;
            output ??= new StringBuilder(text.Length).Append(text, 0, i);
            output.Append(NormalizeSpan(text.Substring(i, end - i), compatibility, compose: true));
            i = end;
        }
        return output?.ToString() ?? text;
    }

    private string NormalizeSpan(string text, bool compatibility, bool compose)
    {
        var buffer = new List<int>(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            int cp = text[i];
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) cp = char.ConvertToUtf32(text[i], text[++i]);
            Decompose(cp, compatibility, buffer);
        }
        SortCombiningMarks(buffer);
        if (compose) Compose(buffer);
        var sb = new StringBuilder(buffer.Count);
        foreach (var cp in buffer)
        {
            if (cp < 0x10000) sb.Append((char)cp);
            else sb.Append(char.ConvertFromUtf32(cp));
        }
        return sb.ToString();
    }

    private void Decompose(int cp, bool compatibility, List<int> output)
    {
        if (cp >= SBase && cp < SBase + SCount)
        {
            var s = cp - SBase;
            output.Add(LBase + s / (VCount * TCount));
            output.Add(VBase + s % (VCount * TCount) / TCount);
            if (s % TCount != 0) output.Add(TBase + s % TCount);
            return;
        }
        if (_decomposition.TryGetValue(cp, out var d) && (compatibility || !d.Compat))
        {
            foreach (var part in d.Parts) Decompose(part, compatibility, output);
            return;
        }
        output.Add(cp);
    }

    // Canonical ordering: stable sort of each run of non-starters by combining class.
    private void SortCombiningMarks(List<int> cps)
    {
        for (var i = 1; i < cps.Count; i++)
        {
            var cc = CombiningClass(cps[i]);
            if (cc == 0) continue;
            var j = i;
            while (j > 0 && CombiningClass(cps[j - 1]) > cc)
            {
                (cps[j - 1], cps[j]) = (cps[j], cps[j - 1]);
                j--;
            }
        }
    }

    private void Compose(List<int> cps)
    {
        var output = 0;
        var starter = -1;
        var lastClass = 0;
        foreach (var cp in cps.ToArray())
        {
            var cc = CombiningClass(cp);
            if (starter >= 0)
            {
                var adjacent = output - 1 == starter;
                if ((adjacent || (lastClass != 0 && lastClass < cc)) && TryCompose(cps[starter], cp, out var composite))
                {
                    cps[starter] = composite;
                    continue;
                }
            }
            if (cc == 0) starter = output;
            lastClass = cc;
            cps[output++] = cp;
        }
        cps.RemoveRange(output, cps.Count - output);
    }

    private bool TryCompose(int first, int second, out int composite)
    {
        if (first >= LBase && first < LBase + LCount && second >= VBase && second < VBase + VCount)
        {
            composite = SBase + ((first - LBase) * VCount + (second - VBase)) * TCount;
            return true;
        }
        if (first >= SBase && first < SBase + SCount && (first - SBase) % TCount == 0 && second > TBase && second < TBase + TCount)
        {
            composite = first + (second - TBase);
            return true;
        }
        return _composition.TryGetValue(Key(first, second), out composite);
    }
}
