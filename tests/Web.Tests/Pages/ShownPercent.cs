using System.Globalization;

namespace Lens.Web.Tests.Pages;

/// <summary>Reads a percentage as the pages print it ("87%", "8.5%", "0.0015%", "1.2e-7%") and says whether it is
/// the given probability rounded to the digits shown.</summary>
public static class ShownPercent
{
    public static bool Matches(string shown, double probability, out string why)
    {
        var text = shown.Trim().TrimEnd('%');
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var percent))
        {
            why = $"'{shown}' is not a percentage";
            return false;
        }
        var tolerance = HalfLastDigit(text) * 1.0001;
        var expected = probability * 100;
        why = $"shown {shown}, API {expected.ToString("R", CultureInfo.InvariantCulture)}% (tolerance {tolerance}%)";
        return Math.Abs(percent - expected) <= tolerance;
    }

    /// <summary>Half a unit of the last digit printed: "8.5" → 0.05, "87" → 0.5, "1.2e-7" → 0.5e-8.</summary>
    private static double HalfLastDigit(string text)
    {
        var exponent = 0;
        var e = text.IndexOfAny(['e', 'E']);
        if (e >= 0)
        {
            exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var decimals = dot < 0 ? 0 : text.Length - dot - 1;
        return 0.5 * Math.Pow(10, exponent - decimals);
    }
}
