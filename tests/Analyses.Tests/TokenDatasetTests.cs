using Lens.Tests;
namespace Lens.Analyses.Tests;

public sealed class TokenDatasetTests
{
    private sealed class LetterCodec : ITextCodec
    {
        public int[] Encode(string text, bool addSpecialTokens = true) => text.Where(char.IsLetter).Select(ch => (int)ch).ToArray();
        public string Decode(ReadOnlySpan<int> ids) => new(ids.ToArray().Select(i => (char)i).ToArray());
        public string TokenText(int id) => ((char)id).ToString();
        public string? RenderUserTurn(string message) => null;
    }

    [Fact]
    public void NpyFolderYieldsFilesInNameOrderAndRowsOfTwoDimensionalArrays()
    {
        var dir = TestPaths.TempFolder("npy");
        NpyArray.WriteInt32(Path.Combine(dir, "b.npy"), [7, 8]);
        NpyArray.WriteInt32(Path.Combine(dir, "a.npy"), [1, 2, 3]);
        var samples = TokenDatasets.Open(dir, null, 16, null).Samples().ToArray();
        Assert.Equal([[1, 2, 3], [7, 8]], samples.Select(s => s.Ids));
        Assert.Equal([0, 1], samples.Select(s => s.Index));
        Assert.Equal(1.0, samples[^1].Progress);
    }

    private static string NumpyFile(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "npy", name);

    [Fact]
    public void NpyFilesWrittenByNumpyReadAsTheirIntegers()
    {
        Assert.Equal([[1, 2, 3, 511]], NpyArray.ReadIntRows(NumpyFile("i4_1d.npy")));
        Assert.Equal([[5, 6, 7], [8, 9, 10]], NpyArray.ReadIntRows(NumpyFile("i8_2d.npy")));
        Assert.Equal([[0, 50256, 65535]], NpyArray.ReadIntRows(NumpyFile("u2_1d.npy")));
        Assert.Equal([[1, 1852516352], [3, 4]], NpyArray.ReadIntRows(NumpyFile("u4_2d.npy")));
    }

    [Theory]
    [InlineData("f4_1d.npy", "token ids must be integers")]
    [InlineData("fortran_2d.npy", "Fortran-ordered arrays are not supported")]
    [InlineData("i4_3d.npy", "expected a 1-D or 2-D array, got 3-D")]
    [InlineData("big_u4.npy", "token id 2147483653 does not fit in int32")]
    public void NpyFilesWrittenByNumpyThatAreNotTokenIdsAreRefusedWithTheReason(string name, string message)
    {
        var e = Assert.Throws<InvalidDataException>(() => NpyArray.ReadIntRows(NumpyFile(name)));
        Assert.Contains(message, e.Message);
        Assert.Contains(name, e.Message);
    }

    [Fact]
    public void NpyHeaderIsValid()
    {
        var path = Path.Combine(TestPaths.TempFolder("npyheader"), "x.npy");
        NpyArray.WriteInt32(path, [5, -1]);
        var bytes = File.ReadAllBytes(path);
        var headerLength = bytes[8] | (bytes[9] << 8);
        Assert.Equal(0, (10 + headerLength) % 64);
        Assert.Equal((byte)'\n', bytes[10 + headerLength - 1]);
        Assert.Equal(10 + headerLength + 8, bytes.Length);
        Assert.Equal([[5, -1]], NpyArray.ReadIntRows(path));
    }

    [Fact]
    public void JsonlYieldsIdsAndReportsBadLines()
    {
        var path = Path.Combine(TestPaths.TempFolder("jsonl"), "d.jsonl");
        File.WriteAllText(path, "{\"ids\": [1, 2]}\n\n{\"ids\": [3]}\n");
        Assert.Equal([[1, 2], [3]], new JsonlDataset(path).Samples().Select(s => s.Ids));
        File.WriteAllText(path, "{\"ids\": [1]}\n{\"tokens\": [3]}\n");
        var e = Assert.Throws<InvalidDataException>(() => new JsonlDataset(path).Samples().ToArray());
        Assert.Contains(":2:", e.Message);
    }

    [Fact]
    public void TextIsCutIntoNonOverlappingWindowsAcrossFiles()
    {
        var dir = TestPaths.TempFolder("text");
        File.WriteAllText(Path.Combine(dir, "1.txt"), "abcde");
        File.WriteAllText(Path.Combine(dir, "2.txt"), "fghij k");
        var windows = TokenDatasets.Open(dir, new LetterCodec(), 4, bos: 1).Samples().Select(s => s.Ids).ToArray();
        // 11 letters in windows of BOS + 3: abc, def, ghi; "jk" is too short and dropped.
        Assert.Equal([[1, 'a', 'b', 'c'], [1, 'd', 'e', 'f'], [1, 'g', 'h', 'i']], windows);
    }

    [Fact]
    public void TextWithoutATokenizerIsAClearError()
    {
        var dir = TestPaths.TempFolder("notok");
        File.WriteAllText(Path.Combine(dir, "1.txt"), "abc");
        Assert.Throws<InvalidOperationException>(() => TokenDatasets.Open(dir, null, 4, null));
    }
}
