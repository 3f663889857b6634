using System.Text.Json;

namespace Lens.Product.Tests.Research;

/// <summary>Short story prompts of the kind stories260K was trained on, as a JSON Lines dataset.</summary>
internal static class ResearchPrompts
{
    private static readonly string[] Animals = ["cat", "dog", "bird", "fox", "bunny", "frog", "bear"];
    private static readonly string[] Wishes = ["play in the park", "find a red ball", "eat a big cake", "see the sea", "fly high", "make a friend"];

    /// <summary><paramref name="count"/> distinct prompts.</summary>
    public static List<string> Make(int count) => Enumerable.Range(0, count)
        .Select(i => $"Once upon a time, there was a little {Animals[i % Animals.Length]}. It wanted to {Wishes[i / Animals.Length % Wishes.Length]}")
        .ToList();

    /// <summary>The prompts as JSON Lines, one <c>{"id", "prompt"}</c> object per line.</summary>
    public static string Jsonl(IEnumerable<string> prompts) =>
        string.Join("\n", prompts.Select((p, i) => JsonSerializer.Serialize(new { id = i, prompt = p }))) + "\n";
}
