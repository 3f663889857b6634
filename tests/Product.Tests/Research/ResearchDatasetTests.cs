using Lens.Analyses;
using Lens.Tests;
using System.Text.Json.Serialization;
using Parquet.Serialization;

namespace Lens.Product.Tests.Research;

/// <summary>The dataset readers research runs use: CSV, JSON Lines, Parquet and text, and what they say about bad files.</summary>
public sealed class ResearchDatasetTests
{
    private readonly string _folder = TestPaths.TempFolder("research-dataset-files");

    [Fact]
    public void CsvReadsQuotedCommasQuotesAndLineBreaksAndNamesRowsByTheirFirstLine()
    {
        var path = Write("quoted.csv", "\uFEFFid,prompt,note\r\n1,\"Hello, world\",plain\r\n2,\"She said \"\"hi\"\"\",\"two\r\nlines\"\r\n\r\n3,last,\n");
        var table = DatasetTable.Read(path);
        Assert.Equal(["id", "prompt", "note"], table.Columns);
        Assert.Equal(["Hello, world", "She said \"hi\"", "last"], table.Rows.Select(r => r.Text("prompt")));
        Assert.Equal("two\r\nlines", table.Rows[1]["note"]);
        Assert.Equal(["line 2", "line 3", "line 6"], table.Rows.Select(r => r.Place));
        Assert.Equal($"{path}: line 6, column 'note' is empty", Assert.Throws<InvalidDataException>(() => table.Rows[2].Text("note")).Message);
    }

    [Theory]
    [InlineData("id,prompt\n1,\"never closed\n2,x\n", "line 2: a quoted field is never closed")]
    [InlineData("id,prompt\n1,a\n2,b,c\n", "line 3 has 3 fields; the header has 2 (id, prompt)")]
    [InlineData("id,prompt\n1,say \"hi\"\n", "line 2: a quote inside an unquoted field; quote the whole field and double the quote")]
    [InlineData("id,prompt\n1,\"hi\" there\n", "line 2: ' ' after a closing quote; a quoted field must end at a comma or the line's end")]
    [InlineData("id,prompt,id\n1,a,2\n", "line 1: the header names column 'id' twice")]
    [InlineData("id,,x\n", "line 1: header column 2 has no name")]
    [InlineData("", "empty; a CSV dataset needs a header row naming its columns")]
    public void MalformedCsvIsRefusedNamingTheLine(string content, string message)
    {
        var path = Write("bad.csv", content);
        Assert.Equal($"{path}: {message}", Assert.Throws<InvalidDataException>(() => DatasetTable.Read(path)).Message);
    }

    [Fact]
    public void JsonLinesKeepsTypesAndNamesTheBadLine()
    {
        var path = Write("rows.jsonl", "{\"prompt\": \"a\", \"n\": 3, \"x\": 0.5, \"ok\": true, \"tags\": [\"t\", 2]}\n\n{\"prompt\": null, \"extra\": \"e\"}\n");
        var table = DatasetTable.Read(path);
        Assert.Equal(["prompt", "n", "x", "ok", "tags", "extra"], table.Columns);
        Assert.Equal((3L, 0.5, true), ((long)table.Rows[0]["n"]!, (double)table.Rows[0]["x"]!, (bool)table.Rows[0]["ok"]!));
        Assert.Equal(["t", "2"], table.Rows[0].TextList("tags"));
        Assert.Equal("3", table.Rows[0].Text("n"));
        Assert.Equal($"{path}: line 3, column 'prompt' has no value", Assert.Throws<InvalidDataException>(() => table.Rows[1].Text("prompt")).Message);
        Assert.Equal($"{path}: line 1, column 'ok' holds true, not text", Assert.Throws<InvalidDataException>(() => table.Rows[0].Text("ok")).Message);

        Assert.Equal($"{Write("bad.jsonl", "{\"a\": 1}\n{\"a\": \n")}: line 2 is not JSON", Prefix(Assert.Throws<InvalidDataException>(() => DatasetTable.Read(Path.Combine(_folder, "bad.jsonl"))).Message, " ("));
        var array = Write("array.jsonl", "[1, 2]\n");
        Assert.Equal($"{array}: line 1 holds a JSON array; each line must be an object", Assert.Throws<InvalidDataException>(() => DatasetTable.Read(array)).Message);
        var nested = Write("nested.jsonl", "{\"a\": {\"b\": 1}}\n");
        Assert.Equal($"{nested}: line 1, column 'a' holds a JSON object; values must be text, numbers, booleans or arrays", Assert.Throws<InvalidDataException>(() => DatasetTable.Read(nested)).Message);
    }

    [Fact]
    public async Task ParquetWrittenByParquetNetReadsAsTheSameMmluItemsAsJsonLines()
    {
        var jsonl = Path.Combine(AppContext.BaseDirectory, "Data", "mmlu_sample.jsonl");
        var expected = MmluDataset.Read(jsonl);
        var parquet = Path.Combine(_folder, "mmlu.parquet");
        var rows = expected.Select(i => new MmluRow { Subject = i.Subject, Question = i.Question, Choices = i.Choices.ToList(), Answer = i.Answer }).ToList();
        await using (var stream = File.Create(parquet)) await ParquetSerializer.SerializeAsync(rows, stream);

        var fromParquet = MmluItems.Read(parquet);
        var fromJsonl = MmluItems.Read(jsonl);
        Assert.Equal(expected.Count, fromParquet.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            foreach (var item in new[] { fromParquet[i], fromJsonl[i] })
            {
                Assert.Equal((expected[i].Subject, expected[i].Question, expected[i].Answer), (item.Subject, item.Question, item.Answer));
                Assert.Equal(expected[i].Choices, item.Choices);
            }
        }
        Assert.Equal(["row 1", "row 2"], DatasetTable.Read(parquet).Rows.Take(2).Select(r => r.Place));
    }

    [Fact]
    public async Task ParquetPromptsNameTheRowOfANullPromptAndAFileThatIsNotParquet()
    {
        var parquet = Path.Combine(_folder, "prompts.parquet");
        await using (var stream = File.Create(parquet))
            await ParquetSerializer.SerializeAsync(new[] { new PromptRow { Prompt = "Once upon a time", Id = 1 }, new PromptRow { Prompt = null, Id = 2 } }, stream);
        Assert.Equal($"{parquet}: row 2, column 'Prompt' has no value", Assert.Throws<InvalidDataException>(() => PromptSet.Read(parquet, "Prompt")).Message);
        Assert.Equal($"{parquet}: no column 'prompt' (columns: Prompt, Id)", Assert.Throws<InvalidDataException>(() => PromptSet.Read(parquet)).Message);

        var fake = Write("fake.parquet", "these are not the bytes of a parquet file");
        Assert.StartsWith($"{fake}: not a readable Parquet file (", Assert.Throws<InvalidDataException>(() => DatasetTable.Read(fake)).Message);
    }

    [Fact]
    public void MmluCsvTakesLetterColumnsOrAJsonChoicesCellAndLetterOrIndexAnswers()
    {
        var letters = Write("letters.csv", "subject,question,A,B,C,D,answer\nmath,2+2?,3,4,5,,B\nmath,1+2?,1,2,3,4,2\n");
        var items = MmluItems.Read(letters);
        Assert.Equal(["3", "4", "5"], items[0].Choices);
        Assert.Equal(1, items[0].Answer);
        Assert.Equal((4, 2), (items[1].Choices.Count, items[1].Answer));

        var json = Write("choices.csv", "subject,question,choices,answer\nmath,2+2?,\"[\"\"3\"\",\"\"4\"\"]\",1\n");
        Assert.Equal(["3", "4"], MmluItems.Read(json)[0].Choices);
    }

    [Theory]
    [InlineData("subject,question,A,B\nmath,q,1,2\n", "no column 'answer' (columns: subject, question, A, B)")]
    [InlineData("subject,question,answer\nmath,q,A\n", "no column 'choices' and no choice columns A, B, … (columns: subject, question, answer)")]
    [InlineData("subject,question,A,B,C,answer\nmath,q,1,,3,A\n", "line 2, column 'C' has a choice after the empty column B")]
    [InlineData("subject,question,A,B,answer\nmath,q,1,2,C\n", "line 2, column 'answer' is 2 (C), but the question has 2 choices")]
    [InlineData("subject,question,A,B,answer\nmath,q,1,2,maybe\n", "line 2, column 'answer' holds text; expected a 0-based index or a capital letter")]
    [InlineData("subject,question,A,B,answer\nmath,,1,2,A\n", "line 2, column 'question' is empty")]
    [InlineData("subject,question,choices,answer\nmath,q,\"[\"\"only\"\"]\",0\n", "line 2, column 'choices' gives 1 choices; a question needs 2 to 26")]
    [InlineData("subject,question,A,B,answer\n", "no questions")]
    public void BadMmluRowsAreRefusedNamingRowAndColumn(string content, string message)
    {
        var path = Write("bad-mmlu.csv", content);
        Assert.Equal($"{path}: {message}", Assert.Throws<InvalidDataException>(() => MmluItems.Read(path)).Message);
    }

    [Fact]
    public void TextFilesAreOnePromptPerNonEmptyLineAndOtherFilesAreRefused()
    {
        var text = Write("prompts.txt", "first\n\n  \nsecond\n");
        Assert.Equal(["first", "second"], PromptSet.Read(text));
        Assert.Equal(["line 1", "line 4"], DatasetTable.Read(text).Rows.Select(r => r.Place));

        var other = Write("prompts.xlsx", "x");
        Assert.Equal($"{other}: cannot read '.xlsx' datasets; use .csv, .jsonl, .parquet, .txt", Assert.Throws<InvalidDataException>(() => DatasetTable.Read(other)).Message);
        var missing = Path.Combine(_folder, "missing.csv");
        Assert.Equal($"{missing}: no such dataset file", Assert.Throws<FileNotFoundException>(() => DatasetTable.Read(missing)).Message);
        Assert.Equal($"{Write("empty.txt", "\n")}: no prompts", Assert.Throws<InvalidDataException>(() => PromptSet.Read(Path.Combine(_folder, "empty.txt"))).Message);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static string Prefix(string text, string end) => text[..text.IndexOf(end, StringComparison.Ordinal)];

    /// <summary>An MMLU row the way Hugging Face's cais/mmlu Parquet files hold it.</summary>
    public sealed class MmluRow
    {
        [JsonPropertyName("subject")] public string Subject { get; set; } = "";
        [JsonPropertyName("question")] public string Question { get; set; } = "";
        [JsonPropertyName("choices")] public List<string> Choices { get; set; } = [];
        [JsonPropertyName("answer")] public long Answer { get; set; }
    }

    public sealed class PromptRow
    {
        public string? Prompt { get; set; }
        public int Id { get; set; }
    }
}
