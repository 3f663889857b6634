using System.Text.Json;
using Lens.Tests;

namespace Lens.Product.Tests;

/// <summary>The <c>lens logit-lens</c> command run in-process on stories260K: the reference every click is compared with.</summary>
public static class LensCommand
{
    public static JsonElement LogitLens(int[] ids, int topK, IReadOnlyList<int>? layers = null)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        List<string> args = ["logit-lens", "--model", TestPaths.Stories260KHf, "--ids", string.Join(',', ids), "--top-k", topK.ToString(), "--track", "--threads", "1"];
        if (layers is not null) args.AddRange(["--layers", string.Join(',', layers)]);
        var code = Lens.Cli.LensCli.Run([.. args], stdout, stderr);
        Assert.True(code == 0, $"lens logit-lens failed ({code}): {stderr}");
        return JsonDocument.Parse(stdout.ToString()).RootElement.Clone();
    }
}
