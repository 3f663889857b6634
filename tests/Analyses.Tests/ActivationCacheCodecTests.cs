namespace Lens.Analyses.Tests;

/// <summary>The fp16 record codec: exact round trips whether the exponent plane compresses or not, and bad payloads named.</summary>
public sealed class ActivationCacheCodecTests
{
    [Fact]
    public void ResidualLikeValuesRoundTripExactlyAndShrink()
    {
        var values = Enumerable.Range(0, 4096).Select(i => (Half)(Math.Sin(i * 0.1) * 0.5)).ToArray();
        var compressed = Fp16Codec.Compress(values);
        Assert.True(compressed.Length < values.Length * 2, $"{compressed.Length} bytes for {values.Length * 2} raw");
        Assert.Equal(values, Fp16Codec.Decompress(compressed, values.Length, "test"));
    }

    [Fact]
    public void IncompressibleValuesAreStoredRawAndRoundTrip()
    {
        var random = new Random(3);
        var values = Enumerable.Range(0, 1000).Select(_ => BitConverter.UInt16BitsToHalf((ushort)random.Next(0, 0x10000))).ToArray();
        var compressed = Fp16Codec.Compress(values);
        Assert.Equal(4 + 2 * values.Length, compressed.Length);
        Assert.Equal(values.Select(BitConverter.HalfToUInt16Bits), Fp16Codec.Decompress(compressed, values.Length, "test").Select(BitConverter.HalfToUInt16Bits)); // bits: some are NaNs
    }

    [Fact]
    public void APayloadOfTheWrongSizeIsNamed()
    {
        var compressed = Fp16Codec.Compress(Enumerable.Repeat((Half)1, 100).ToArray());
        Assert.Equal($"chunk 3: {compressed.Length} bytes cannot hold 200 fp16 values",
            Assert.Throws<InvalidDataException>(() => Fp16Codec.Decompress(compressed, 200, "chunk 3")).Message);
    }
}
