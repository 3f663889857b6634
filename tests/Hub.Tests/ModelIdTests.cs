namespace Lens.Hub.Tests;

public sealed class ModelIdTests
{
    [Theory]
    [InlineData("karpathy/stories260k", "karpathy/stories260k", "main")]
    [InlineData("HuggingFaceTB/SmolLM2-135M-Instruct@main", "HuggingFaceTB/SmolLM2-135M-Instruct", "main")]
    [InlineData("org/name@v1.0", "org/name", "v1.0")]
    [InlineData("org/name@refs/pr/1", "org/name", "refs/pr/1")]
    [InlineData("org/name.v2_x@0123456789abcdef0123456789abcdef01234567", "org/name.v2_x", "0123456789abcdef0123456789abcdef01234567")]
    public void HubIdsParse(string text, string repo, string revision)
    {
        Assert.True(HubClient.IsHubId(text));
        Assert.Equal(new HubModelId(repo, revision), HubModelId.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("gpt2")]                   // a hub id, but without org it cannot be told from a relative folder name
    [InlineData("a/b/c")]
    [InlineData("./org/name")]
    [InlineData("/abs/path")]
    [InlineData("../shared/models/stories260K-hf")]
    [InlineData("org/-name")]
    [InlineData("org/na--me")]
    [InlineData("org/na..me")]
    [InlineData("org/name@")]
    [InlineData("org/name@../x")]
    [InlineData("org/name@a b")]
    [InlineData("C:\\models\\x")]
    public void OtherTextIsNoHubId(string text)
    {
        Assert.False(HubClient.IsHubId(text));
        Assert.False(HubModelId.TryParse(text, out _, out var reason));
        Assert.NotEmpty(reason);
    }

    [Fact]
    public void CacheFolderNameIsHuggingFaceHubs() =>
        Assert.Equal("models--HuggingFaceTB--SmolLM2-135M-Instruct", HubModelId.Parse("HuggingFaceTB/SmolLM2-135M-Instruct@main").CacheFolderName);
}
