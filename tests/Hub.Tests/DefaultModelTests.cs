using Lens.Tests;

namespace Lens.Hub.Tests;

public sealed class DefaultModelTests
{
    [Fact]
    public void TheSharedStoriesModelIsUsedWhenItIsBesideTheCheckout()
    {
        var root = TestPaths.TempFolder("beside");
        var shared = Path.Combine(root, "shared", "models", "stories260K-hf");
        Directory.CreateDirectory(shared);
        File.WriteAllText(Path.Combine(shared, "config.json"), "{}");
        var deep = Directory.CreateDirectory(Path.Combine(root, "checkout", "client", "bin")).FullName;

        Assert.Equal(shared, DefaultModel.Location(deep));
    }

    [Fact]
    public void TheHubModelIsUsedWhenNoSharedModelIsFound()
    {
        var lonely = TestPaths.TempFolder("lonely");

        Assert.Equal(DefaultModel.HubId, DefaultModel.Location(lonely));
        Assert.True(HubClient.IsHubId(DefaultModel.HubId));
    }

    [Fact]
    public void FromThisCheckoutTheSharedModelIsFound() =>
        Assert.Equal(TestPaths.Stories260KHf, DefaultModel.Location(TestPaths.RepoRoot));
}
