namespace Lens.Web.Tests.Pages;

/// <summary>The pages show whitespace in token text visibly (so " the" and "the" differ); this is that mapping,
/// the oracle for comparing page text with the API's token text.</summary>
public static class TokenText
{
    public static string Visible(string? text) =>
        string.IsNullOrEmpty(text) ? "∅" : text.Replace(" ", "␣").Replace("\n", "↵").Replace("\t", "⇥").Replace("\r", "␍");
}
