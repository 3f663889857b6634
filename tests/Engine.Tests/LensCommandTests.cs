using Lens.Tests;
using System.Text.Json;
using Lens.Cli;

namespace Lens.Engine.Tests;

/// <summary>The <c>lens</c> command-line contract: JSON on stdout, errors on stderr with non-zero exit codes.</summary>
public sealed class LensCommandTests
{
    private static (int Code, string Stdout, string Stderr) Lens(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = LensCli.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    public static IEnumerable<object[]> Goldens => Golden.All();

    [Theory, MemberData(nameof(Goldens))]
    public void ForwardWritesEveryGoldenFieldWithItsSchema(string id)
    {
        var golden = Golden.Open(id);
        string[] floatFields = ["logits_final", "resid_post", "embed_out", "attention_probs_layer0", "q_norm_pre_rope", "attn_entropy", "attn_max"];
        var (code, stdout, stderr) = Lens("forward", "--model", golden.ModelDir, "--ids", string.Join(",", golden.InputIds),
            "--fields", string.Join(",", floatFields) + ",k_eff90,logit_lens", "--threads", "2");
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        foreach (var field in floatFields)
        {
            Compare.Close($"{id} lens forward {field}", Golden.Flatten(golden[field]), Golden.Flatten(root.GetProperty(field)).Select(v => (float)v).ToArray(), golden.Atol);
            Assert.Equal(golden[field].GetArrayLength(), root.GetProperty(field).GetArrayLength());
        }
        Assert.Equal(Golden.Ints(golden["k_eff90"]), Golden.Ints(root.GetProperty("k_eff90")));
        var lens = root.GetProperty("logit_lens");
        Assert.Equal(golden["logit_lens"].GetProperty("top_k").GetInt32(), lens.GetProperty("top_k").GetInt32());
        Assert.Equal(Golden.Ints(golden["logit_lens"].GetProperty("top_indices")), Golden.Ints(lens.GetProperty("top_indices")));
        Compare.Close($"{id} logit_lens.top_probs", Golden.Flatten(golden["logit_lens"].GetProperty("top_probs")),
            Golden.Flatten(lens.GetProperty("top_probs")).Select(v => (float)v).ToArray(), golden.Atol);
    }

    [Fact]
    public void GenerateGreedyMatchesGolden()
    {
        var golden = Golden.Open("stories260K/golden.json");
        var (code, stdout, stderr) = Lens("generate", "--model", golden.ModelDir, "--ids", string.Join(",", golden.InputIds),
            "--max-new-tokens", golden.GreedyNewTokens.ToString(), "--greedy");
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var ids = Golden.Ints(doc.RootElement.GetProperty("ids"));
        // EOS (id 2) would stop early; the golden continuation has none.
        Assert.Equal(golden.GreedyIds, ids);
    }

    [Theory]
    [InlineData("stories260K/golden.json", false)]
    [InlineData("stories260K/golden_2.json", false)]
    [InlineData("stories260K/golden.json", true)]
    public void GeneratePromptTokenizesLikeTheGoldenAndReturnsText(string id, bool llama2c)
    {
        var golden = Golden.Open(id);
        var model = llama2c ? TestPaths.Stories260KBin : golden.ModelDir;
        var (code, stdout, stderr) = Lens("generate", "--model", model, "--prompt", golden.PromptText!,
            "--max-new-tokens", golden.GreedyNewTokens.ToString(), "--greedy");
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal(golden.GreedyIds, Golden.Ints(doc.RootElement.GetProperty("ids")));
        var expectedText = global::Lens.Tokenization.Tokenizer.Load(TestPaths.Stories260KHf).Decode(golden.GreedyIds);
        Assert.Equal(expectedText, doc.RootElement.GetProperty("text").GetString());
        Assert.False(string.IsNullOrWhiteSpace(expectedText));
    }

    [Fact]
    public void RandomModelAndBenchPrintTheirFigures()
    {
        using var dir = new TempDirectory();
        var (code, _, stderr) = Lens("random-model", "--out", dir.Path, "--hidden", "64", "--intermediate", "128", "--layers", "2", "--heads", "4", "--vocab", "256", "--dtype", "BF16");
        Assert.True(code == 0, stderr);
        (code, var stdout, stderr) = Lens("bench", "--model", dir.Path, "--threads", "1", "--tokens", "8", "--decode-tokens", "4", "--runs", "2", "--weights", "mapped");
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal("mapped", doc.RootElement.GetProperty("weights").GetString());
        foreach (var key in new[] { "prefill_tokens_per_s", "prefill_gflops", "decode_tokens_per_s", "copy_bandwidth_gbps", "decode_percent_of_bound", "read_bandwidth_gbps", "copy_bandwidth_4k_pages_gbps", "decode_percent_of_4k_pages_bound" })
            Assert.True(doc.RootElement.GetProperty(key).GetDouble() > 0, $"{key} should be positive in {stdout}");
        Assert.Equal(2.0, doc.RootElement.GetProperty("dtype_bytes_per_weight").GetDouble());
    }

    [Theory]
    [InlineData(0.0123456, 0.01235)]
    [InlineData(0.00004321, 0.00004321)]
    [InlineData(183.27, 183.3)]
    public void BenchFiguresKeepFourSignificantDigits(double value, double shown) =>
        Assert.Equal(shown, Cli.Commands.BenchCommand.Significant(value));

    [Theory]
    [InlineData("exit 2: unknown option --bogus", 2, "unknown option: --bogus", "forward", "--model", "x", "--ids", "1", "--bogus", "1")]
    [InlineData("exit 2: missing ids", 2, "missing required option --ids", "forward", "--model", "x")]
    [InlineData("exit 2: ids not integers", 2, "--ids must be an integer, got 'a'", "forward", "--model", "x", "--ids", "1,a")]
    [InlineData("exit 2: unknown field", 2, "unknown field 'logits'", "forward", "--model", "x", "--ids", "1", "--fields", "logits")]
    [InlineData("exit 2: unknown command", 2, "unknown command 'fly'", "fly")]
    [InlineData("exit 2: unknown residency", 2, "--weights must be mapped, huge-pages or auto, not 'swap'", "forward", "--model", "x", "--ids", "1", "--weights", "swap")]
    [InlineData("exit 2: top-p out of range", 2, "--top-p must be in (0, 1], not 0", "generate", "--model", "x", "--ids", "1", "--top-p", "0")]
    [InlineData("exit 2: min-p out of range", 2, "--min-p must be in [0, 1], not 2", "generate", "--model", "x", "--ids", "1", "--min-p", "2")]
    [InlineData("exit 2: negative temperature", 2, "--temperature must be a finite number >= 0", "generate", "--model", "x", "--ids", "1", "--temperature", "-1")]
    [InlineData("exit 1: no model", 1, "no such model folder", "forward", "--model", "/nonexistent/model", "--ids", "1")]
    public void BadCommandLinesFailWithAClearMessage(string because, int exitCode, string message, params string[] args)
    {
        var (code, stdout, stderr) = Lens(args);
        Assert.True(code == exitCode, $"{because}: exit code {code}, stderr: {stderr}");
        Assert.Contains(message, stderr);
        Assert.Equal("", stdout);
    }

    [Fact]
    public void IdsOutsideTheVocabularyFailWithExitCode1()
    {
        var (code, _, stderr) = Lens("forward", "--model", TestPaths.Stories260KHf, "--ids", "1,512");
        Assert.Equal(1, code);
        Assert.Contains("token id 512 is outside the vocabulary [0, 512)", stderr);
    }
}
