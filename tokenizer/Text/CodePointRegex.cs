using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Lens.Tokenization.Text;

/// <summary>
/// A regular expression that sees code points, as Oniguruma (Hugging Face tokenizers) does. .NET matches UTF-16
/// units, so a letter outside the BMP (𝔘, 𠀀) is two surrogates and not <c>\p{L}</c>. Texts that contain
/// surrogate pairs are matched on a copy where each astral code point is one BMP stand-in of the same Unicode
/// category; match positions are mapped back.
/// </summary>
internal sealed class CodePointRegex
{
    private readonly Regex _regex;
    private readonly PatternScanner? _scanner;

    public CodePointRegex(string pattern)
    {
        Source = pattern;
        _regex = new Regex(OnigurumaSyntax.ToDotNet(pattern), RegexOptions.Compiled | RegexOptions.CultureInvariant);
        _scanner = PatternScanner.For(pattern);
    }

    /// <summary>True when a hand-written scanner stands in for the regular expression.</summary>
    public bool HasScanner => _scanner is not null;

    public string Source { get; }

    /// <summary>Non-overlapping matches as (start, length) in <paramref name="text"/>'s own UTF-16 indices.</summary>
    public void Matches(string text, List<(int Start, int Length)> output)
    {
        output.Clear();
        if (_scanner is not null) { _scanner.Matches(text, output); return; }
        RegexMatches(text, output);
    }

    /// <summary>The regular expression's own matches (the scanner's reference).</summary>
    public void RegexMatches(string text, List<(int Start, int Length)> output)
    {
        output.Clear();
        if (!HasSurrogates(text))
        {
            for (var m = _regex.Match(text); m.Success; m = m.NextMatch()) output.Add((m.Index, m.Length));
            return;
        }
        var (folded, originalIndex) = Fold(text);
        for (var m = _regex.Match(folded); m.Success; m = m.NextMatch())
        {
            var start = originalIndex[m.Index];
            output.Add((start, originalIndex[m.Index + m.Length] - start));
        }
    }

    private static bool HasSurrogates(string text) => text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') >= 0;

    private static (string Folded, int[] OriginalIndex) Fold(string text)
    {
        var folded = new StringBuilder(text.Length);
        var map = new List<int>(text.Length + 1);
        for (var i = 0; i < text.Length;)
        {
            map.Add(i);
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                folded.Append(StandIn(CharUnicodeInfo.GetUnicodeCategory(char.ConvertToUtf32(text[i], text[i + 1]))));
                i += 2;
            }
            else folded.Append(text[i++]);
        }
        map.Add(text.Length);
        return (folded.ToString(), map.ToArray());
    }

    // BMP characters of each category that no tokenizer pattern names literally and that do not case-fold to ASCII.
    private static char StandIn(UnicodeCategory category) => category switch
    {
        UnicodeCategory.UppercaseLetter => '\u0416',
        UnicodeCategory.LowercaseLetter => '\u0436',
        UnicodeCategory.TitlecaseLetter => '\u01C5',
        UnicodeCategory.ModifierLetter => '\u02B0',
        UnicodeCategory.OtherLetter => '\u3042',
        UnicodeCategory.NonSpacingMark => '\u0300',
        UnicodeCategory.SpacingCombiningMark => '\u0903',
        UnicodeCategory.EnclosingMark => '\u20DD',
        UnicodeCategory.DecimalDigitNumber => '\u0660',
        UnicodeCategory.LetterNumber => '\u2160',
        UnicodeCategory.OtherNumber => '\u00B2',
        UnicodeCategory.ConnectorPunctuation => '\u203F',
        UnicodeCategory.DashPunctuation => '\u2010',
        UnicodeCategory.OpenPunctuation => '\u2045',
        UnicodeCategory.ClosePunctuation => '\u2046',
        UnicodeCategory.InitialQuotePunctuation => '\u00AB',
        UnicodeCategory.FinalQuotePunctuation => '\u00BB',
        UnicodeCategory.OtherPunctuation => '\u00A1',
        UnicodeCategory.MathSymbol => '\u00B1',
        UnicodeCategory.CurrencySymbol => '\u00A2',
        UnicodeCategory.ModifierSymbol => '\u02C4',
        UnicodeCategory.OtherSymbol => '\u00A9',
        UnicodeCategory.Format => '\u00AD',
        UnicodeCategory.PrivateUse => '\uE000',
        _ => '\u0378', // unassigned
    };
}
