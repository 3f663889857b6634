using System.Text;

namespace Lens.Analyses;

/// <summary>The classic MMLU prompt: a subject line, k solved examples of the same subject, then the question and "Answer:".</summary>
public static class MmluPrompt
{
    public static string Letter(int index) => ((char)('A' + index)).ToString();

    public static string Build(MmluItem item, IReadOnlyList<MmluItem> shots)
    {
        var sb = new StringBuilder();
        sb.Append("The following are multiple choice questions (with answers) about ").Append(item.Subject.Replace('_', ' ')).Append(".\n\n");
        foreach (var shot in shots)
        {
            AppendQuestion(sb, shot);
            sb.Append(' ').Append(Letter(shot.Answer)).Append("\n\n");
        }
        AppendQuestion(sb, item);
        return sb.ToString();
    }

    /// <summary>The first <paramref name="k"/> other items of the same subject, in dataset order.</summary>
    public static IReadOnlyList<MmluItem> ShotsFor(MmluItem item, IReadOnlyList<MmluItem> all, int k) =>
        all.Where(x => x.Subject == item.Subject && !ReferenceEquals(x, item)).Take(k).ToArray();

    private static void AppendQuestion(StringBuilder sb, MmluItem item)
    {
        sb.Append(item.Question.Trim()).Append('\n');
        for (var i = 0; i < item.Choices.Count; i++) sb.Append(Letter(i)).Append(". ").Append(item.Choices[i]).Append('\n');
        sb.Append("Answer:");
    }
}
