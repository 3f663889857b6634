using Lens.Tests;
namespace Lens.Analyses.Tests;

public sealed class MmluTests
{
    // Hand-checked: the scripted model below answers arithmetic questions correctly and always answers "A" otherwise.
    // arithmetic: 3 of 3 right; geography: answers A, right only for the Sahara question → 1 of 2. Overall 4 of 5.
    private const string Items = """
        {"subject": "arithmetic", "question": "What is 2 + 3?", "choices": ["4", "5", "6", "7"], "answer": 1}
        {"subject": "arithmetic", "question": "What is 4 + 4?", "choices": ["8", "9", "10", "11"], "answer": "A"}
        {"subject": "geography", "question": "Where is the Sahara?", "choices": ["Africa", "Asia"], "answer": 0}
        {"subject": "arithmetic", "question": "What is 1 + 1?", "choices": ["0", "1", "3", "2"], "answer": 3}
        {"subject": "geography", "question": "Which ocean is largest?", "choices": ["Atlantic", "Pacific", "Indian"], "answer": 1}
        """;

    private static IReadOnlyList<MmluItem> Read()
    {
        var path = Path.Combine(TestPaths.TempFolder("mmlu"), "items.jsonl");
        File.WriteAllText(path, Items);
        return MmluDataset.Read(path);
    }

    /// <summary>Reads the last question of the prompt; returns logits favouring the letter of the sum, or " A".</summary>
    private static float[][] ScriptedModel(IReadOnlyList<int[]> prompts, CharCodec codec) => prompts.Select(ids =>
    {
        var text = codec.Decode(ids);
        var question = text[(text.LastIndexOf("\n\n", StringComparison.Ordinal) + 2)..];
        var logits = new float[65536];
        var letter = 'A';
        var plus = question.IndexOf(" + ", StringComparison.Ordinal);
        if (plus > 0)
        {
            var sum = question[plus - 1] - '0' + (question[plus + 3] - '0');
            var line = question.Split('\n').First(l => l.Length > 3 && l[1] == '.' && l[3..] == sum.ToString());
            letter = line[0];
        }
        logits[letter] = 5;
        logits['A'] = Math.Max(logits['A'], 1);
        return logits;
    }).ToArray();

    [Fact]
    public void AccuracyOnAHandCheckedSetIsExactPerSubjectAndOverall()
    {
        var codec = new CharCodec();
        var progress = new List<ValidationProgress>();
        var report = MmluEvaluation.Run(p => ScriptedModel(p, codec), codec, Read(), shots: 1, batchSize: 2, progress.Add);
        Assert.Equal((3, 3), report.BySubject["arithmetic"]);
        Assert.Equal((1, 2), report.BySubject["geography"]);
        Assert.Equal((4, 5), (report.Correct, report.Total));
        Assert.Equal(0.8, report.Accuracy, 12);
        Assert.Equal([2, 4, 5], progress.Select(p => p.Done));
    }

    [Fact]
    public void PromptHasKShotsOfTheSameSubjectAndEndsWithAnswer()
    {
        var items = Read();
        var shots = MmluPrompt.ShotsFor(items[3], items, 2);
        Assert.Equal([items[0], items[1]], shots);
        var prompt = MmluPrompt.Build(items[3], shots);
        Assert.StartsWith("The following are multiple choice questions (with answers) about arithmetic.\n\n", prompt);
        Assert.Contains("What is 2 + 3?\nA. 4\nB. 5\nC. 6\nD. 7\nAnswer: B\n\n", prompt);
        Assert.Contains("What is 4 + 4?\nA. 8\nB. 9\nC. 10\nD. 11\nAnswer: A\n\n", prompt);
        Assert.EndsWith("What is 1 + 1?\nA. 0\nB. 1\nC. 3\nD. 2\nAnswer:", prompt);
        Assert.DoesNotContain("Sahara", prompt);
    }

    [Fact]
    public void LetterTokensAreTheLastTokenOfSpaceLetter() =>
        Assert.Equal('C', MmluEvaluation.LetterToken(new CharCodec(), 2));

    [Fact]
    public void BadItemsAreReportedWithTheirLine()
    {
        var path = Path.Combine(TestPaths.TempFolder("mmlu"), "bad.jsonl");
        File.WriteAllText(path, "{\"subject\": \"s\", \"question\": \"q\", \"choices\": [\"a\", \"b\"], \"answer\": 0}\n{\"subject\": \"s\", \"question\": \"q\", \"choices\": [\"a\", \"b\"], \"answer\": 2}\n");
        var e = Assert.Throws<InvalidDataException>(() => MmluDataset.Read(path));
        Assert.Contains(":2:", e.Message);
    }

    [Fact]
    public void ShippedSampleParses()
    {
        var items = MmluDataset.Read(Path.Combine(AppContext.BaseDirectory, "Data", "mmlu_sample.jsonl"));
        Assert.Equal(12, items.Count);
        Assert.Equal(3, items.Select(i => i.Subject).Distinct().Count());
    }
}
