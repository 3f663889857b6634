using Lens.Tests;

namespace Lens.Analyses.Tests;

/// <summary>The disk level: fp16 round trip, reopen, torn tails, per-layer lazy reads, shape checks.</summary>
public sealed class ActivationCacheFileTests
{
    private static readonly ResidualStreamShape Shape = new(Layers: 4, Hidden: 48);
    private const int Chunk = 16;

    /// <summary>Deterministic residual-like values with a wide range of magnitudes.</summary>
    private static float Value(int slot, int position, int i) => (float)(Math.Sin(slot * 7.1 + position * 1.3 + i * 0.37) * Math.Pow(10, (i % 5) - 2));

    private static Half[] Rows(int slot, int firstPosition, int positions) =>
        Enumerable.Range(0, positions * Shape.Hidden).Select(j => (Half)Value(slot, firstPosition + j / Shape.Hidden, j % Shape.Hidden)).ToArray();

    /// <summary>Writes <paramref name="chunks"/> whole chunks for every slot, then a partial chunk of <paramref name="partial"/> positions.</summary>
    private static void Fill(ResidualStreamFile file, int chunks, int partial)
    {
        for (var c = 0; c < chunks; c++)
            for (var s = 0; s < Shape.Slots; s++) file.WriteChunk(s, c, Rows(s, c * Chunk, Chunk), Chunk);
        if (partial > 0)
            for (var s = 0; s < Shape.Slots; s++) file.WriteChunk(s, chunks, Rows(s, chunks * Chunk, partial), partial);
    }

    private static void AssertChunk(ResidualStreamFile file, int slot, int chunk, int positions)
    {
        var rows = file.ReadChunk(slot, chunk, out var stored);
        Assert.NotNull(rows);
        Assert.Equal(positions, stored);
        Assert.Equal(Rows(slot, chunk * Chunk, positions), rows);
    }

    [Fact]
    public void ValuesComeBackWithinFp16Rounding()
    {
        using var dir = new TempDirectory();
        using var file = ResidualStreamFile.Open(Path.Combine(dir.Path, "a.lrs"), Shape, Chunk);
        Fill(file, 1, 0);
        var rows = file.ReadChunk(2, 0, out _)!;
        for (var j = 0; j < rows.Length; j++)
        {
            var original = Value(2, j / Shape.Hidden, j % Shape.Hidden);
            // fp16 keeps 11 significant bits (relative error ≤ 2^-11); below 2^-14 the spacing is fixed at 2^-24.
            Assert.True(Math.Abs((float)rows[j] - original) <= Math.Max(Math.Abs(original) * Math.Pow(2, -11), Math.Pow(2, -25)),
                $"value {j}: stored {(float)rows[j]}, original {original}");
        }
    }

    [Fact]
    public void TheFileSurvivesReopeningWithItsIndex()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "a.lrs");
        using (var file = ResidualStreamFile.Open(path, Shape, Chunk)) Fill(file, 3, 5);
        using var reopened = ResidualStreamFile.Open(path, Shape, Chunk);
        Assert.Equal(3 * Chunk + 5, reopened.Length);
        Assert.Equal(0, reopened.DiscardedTailBytes);
        AssertChunk(reopened, 0, 0, Chunk);
        AssertChunk(reopened, Shape.Slots - 1, 2, Chunk);
        AssertChunk(reopened, 3, 3, 5);
    }

    [Fact]
    public void AChunkRewrittenAsItFillsIsReadFromItsLatestRecord()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "a.lrs");
        using (var file = ResidualStreamFile.Open(path, Shape, Chunk))
        {
            Fill(file, 0, 3);
            Fill(file, 0, 9);
            Assert.Equal(9, file.Length);
        }
        using var reopened = ResidualStreamFile.Open(path, Shape, Chunk);
        Assert.Equal(9, reopened.Length);
        AssertChunk(reopened, 1, 0, 9);
    }

    public static TheoryData<string> Tears() => ["payload cut short", "header cut short", "payload damaged", "zeros appended"];

    [Theory, MemberData(nameof(Tears))]
    public void ATornTailIsCutOffAndTheRestStaysReadable(string tear)
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "a.lrs");
        long intact;
        using (var file = ResidualStreamFile.Open(path, Shape, Chunk))
        {
            Fill(file, 2, 0);
            intact = file.DiskBytes;
            file.WriteChunk(0, 2, Rows(0, 2 * Chunk, Chunk), Chunk); // the record a crash tears
        }
        var bytes = File.ReadAllBytes(path);
        switch (tear)
        {
            case "payload cut short": File.WriteAllBytes(path, bytes[..^7]); break;
            case "header cut short": File.WriteAllBytes(path, bytes[..(int)(intact + 20)]); break;
            case "payload damaged": bytes[^3] ^= 0x5A; File.WriteAllBytes(path, bytes); break;
            case "zeros appended": File.WriteAllBytes(path, [.. bytes[..(int)intact], .. new byte[100]]); break;
        }
        var damagedLength = new FileInfo(path).Length;

        using (var reopened = ResidualStreamFile.Open(path, Shape, Chunk))
        {
            Assert.Equal(2 * Chunk, reopened.Length);
            Assert.Equal(damagedLength - intact, reopened.DiscardedTailBytes);
            Assert.Equal(intact, reopened.DiskBytes);
            AssertChunk(reopened, Shape.Slots - 1, 1, Chunk);
            for (var s = 0; s < Shape.Slots; s++) reopened.WriteChunk(s, 2, Rows(s, 2 * Chunk, 4), 4); // appending resumes after the cut
        }
        using var again = ResidualStreamFile.Open(path, Shape, Chunk);
        Assert.Equal(2 * Chunk + 4, again.Length);
        AssertChunk(again, 2, 2, 4);
    }

    [Fact]
    public void ReadingOneLayerOfOneChunkReadsOnlyThatRecord()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "a.lrs");
        long recordPayload;
        using (var file = ResidualStreamFile.Open(path, Shape, Chunk))
        {
            Fill(file, 6, 0);
            var before = file.DiskBytes;
            file.WriteChunk(3, 6, Rows(3, 6 * Chunk, Chunk), Chunk);
            recordPayload = file.DiskBytes - before - ResidualRecordHeader.Size;
        }
        using var reopened = ResidualStreamFile.Open(path, Shape, Chunk);
        Assert.Equal(0, reopened.BytesRead);
        reopened.ReadChunk(3, 6, out _);
        Assert.Equal(recordPayload, reopened.BytesRead);
        Assert.True(reopened.BytesRead * Shape.Slots * 6 < reopened.DiskBytes * 1.5, $"{reopened.BytesRead} of {reopened.DiskBytes} bytes read");
    }

    [Fact]
    public void TruncationCutsRecordsShortAcrossReopen()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "a.lrs");
        using (var file = ResidualStreamFile.Open(path, Shape, Chunk))
        {
            Fill(file, 3, 0);
            file.WriteTruncate(Chunk + 5);
            Assert.Equal(Chunk + 5, file.Length);
        }
        using var reopened = ResidualStreamFile.Open(path, Shape, Chunk);
        Assert.Equal(Chunk + 5, reopened.Length);
        AssertChunk(reopened, 2, 1, 5);
        Assert.Null(reopened.ReadChunk(2, 2, out _));
    }

    [Fact]
    public void AFileOfAnotherShapeOrNotACacheFileIsRefusedByName()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "a.lrs");
        using (var file = ResidualStreamFile.Open(path, Shape, Chunk)) Fill(file, 1, 0);
        var shape = Assert.Throws<InvalidDataException>(() => ResidualStreamFile.Open(path, new ResidualStreamShape(5, 48), Chunk));
        Assert.Equal($"{path}: written for 4 layers × hidden 48 in chunks of 16 positions, this cache holds 5 layers × hidden 48 in chunks of 16", shape.Message);
        var other = Path.Combine(dir.Path, "other.lrs");
        File.WriteAllText(other, "this is not an activation cache file at all");
        Assert.Equal($"{other}: not an activation cache file (bad magic or header checksum)", Assert.Throws<InvalidDataException>(() => ResidualStreamFile.Open(other, Shape, Chunk)).Message);
    }

    [Fact]
    public void ADamagedRecordInsideTheFileIsReportedWhenRead()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "a.lrs");
        using (var file = ResidualStreamFile.Open(path, Shape, Chunk)) Fill(file, 2, 0);
        var bytes = File.ReadAllBytes(path);
        bytes[ResidualFileHeader.Size + ResidualRecordHeader.Size + 10] ^= 0xFF; // first record's payload
        File.WriteAllBytes(path, bytes);
        using var reopened = ResidualStreamFile.Open(path, Shape, Chunk);
        var error = Assert.Throws<InvalidDataException>(() => reopened.ReadChunk(0, 0, out _));
        Assert.EndsWith("damaged record (checksum mismatch)", error.Message);
        AssertChunk(reopened, 1, 0, Chunk);
    }
}
