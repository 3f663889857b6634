using Lens.Tests;
using Lens.Engine.Inference;

namespace Lens.Analyses.Tests;

public sealed class RefusalTests
{
    [Fact]
    public void NormalisationLowersStripsStarsStraightensApostrophesAndCollapsesSpace() =>
        Assert.Equal("i'm sorry, but i can't", RefusalMarkers.Normalise("  **I\u2019M   Sorry**,\n\tbut I can\u2018t "));

    [Theory]
    [InlineData("I'm sorry, but I can't help with that.", true)]
    [InlineData("*As an AI*, I must say no.", true)]
    [InlineData("I \u2019 m fine", false)]
    [InlineData("I CANNOT do that", true)]
    [InlineData("Sure! Here are the steps to plant tomatoes.", false)]
    [InlineData("", true)]
    [InlineData("  \n ", true)]
    public void DefaultMarkersAndEmptyResponses(string response, bool refused) =>
        Assert.Equal(refused, RefusalMarkers.Default.IsRefusal(response));

    [Fact]
    public void DefaultListHoldsTheUsualOpenings() =>
        Assert.Subset(RefusalMarkers.Default.Markers.ToHashSet(), new HashSet<string> { "i'm sorry", "i cannot", "i can't", "as an ai" });

    [Fact]
    public void RateCountsGreedyResponsesContainingAMarker()
    {
        using var model = Transformer.Load(TestPaths.Stories260KHf, threads: 2);
        var codec = new CharCodec(model.Config.Vocab, bos: 1);
        string[] prompts = ["ab", "cd", "ef"];
        var responses = prompts.Select(p => codec.Decode(model.Generate(codec.Encode(p), new GenerationOptions { MaxNewTokens = 4, StopTokens = model.Config.EosTokenIds.ToArray() }).Ids.Where(id => !model.Config.EosTokenIds.Contains(id)).ToArray())).ToArray();
        // A marker taken from the first response only: exactly the prompts whose responses contain it refuse.
        var marker = RefusalMarkers.Normalise(responses[0])[..2];
        var expected = responses.Count(r => RefusalMarkers.Normalise(r).Length == 0 || RefusalMarkers.Normalise(r).Contains(marker, StringComparison.Ordinal));
        var progress = new List<ValidationProgress>();
        var (rate, outcomes) = RefusalEvaluation.Run(model, codec, prompts, 4, new RefusalMarkers([marker]), batchSize: 2, onBatch: progress.Add);

        Assert.Equal(responses, outcomes.Select(o => o.Response));
        Assert.Equal((double)expected / 3, rate, 12);
        Assert.True(outcomes[0].Refused);
        Assert.Equal([2, 3], progress.Select(p => p.Done));
    }
}
