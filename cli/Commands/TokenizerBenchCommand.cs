using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Lens.Cli.Bench;
using Lens.Cli.CommandLine;
using Lens.Tokenization;

namespace Lens.Cli.Commands;

/// <summary>
/// <c>lens tokenizer-bench</c>: encode and decode throughput (MB/s of UTF-8 text, median of --runs) for every
/// tokenizer folder under --fixtures (default ../shared/fixtures/tokenizers beside the repository), on a
/// deterministic mixed text of at least 1 MB, plus the time for one 100 kB word without spaces.
/// </summary>
public sealed class TokenizerBenchCommand : ICliCommand
{
    public string Name => "tokenizer-bench";
    public string Usage => "tokenizer-bench [--fixtures DIR] [--megabytes 1] [--runs 3]";

    public int Run(CliArguments args, CliOutput output)
    {
        var fixtures = args.Optional("fixtures") ?? DefaultFixtures();
        var megabytes = args.Double("megabytes", 1);
        var runs = args.Int("runs", 3);
        if (megabytes <= 0 || runs < 1) throw new CliUsageException("--megabytes and --runs must be positive");
        args.EnsureAllUsed();
        if (!Directory.Exists(fixtures)) throw new DirectoryNotFoundException($"tokenizer fixtures folder {fixtures} does not exist");

        var text = MixedText((int)(megabytes * 1024 * 1024));
        var bytes = Encoding.UTF8.GetByteCount(text);
        var word = LongWord(100_000);
        var results = new JsonArray();
        var paths = Directory.GetDirectories(fixtures).Where(d => File.Exists(Path.Combine(d, "tokenizer.json"))).Order(StringComparer.Ordinal).ToList();
        var llama2c = Path.GetFullPath(Path.Combine(fixtures, "..", "..", "models", "stories260K-llama2c", "tok512.bin"));
        if (File.Exists(llama2c)) paths.Add(llama2c);
        foreach (var path in paths)
        {
            var name = File.Exists(path) ? "stories260K-llama2c" : Path.GetFileName(path);
            output.Progress($"tokenizer-bench: {name}");
            var load = Stopwatch.StartNew();
            var tokenizer = Tokenizer.Load(path);
            var loadSeconds = load.Elapsed.TotalSeconds;

            var first = Stopwatch.StartNew();
            var ids = tokenizer.Encode(text, addSpecialTokens: false);
            var firstSeconds = first.Elapsed.TotalSeconds;
            var encode = new List<double>();
            var encodeCpu = new List<double>();
            var decode = new List<double>();
            var process = Process.GetCurrentProcess();
            for (var r = 0; r < runs; r++)
            {
                process.Refresh();
                var cpu = process.TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                tokenizer.Encode(text, addSpecialTokens: false);
                encode.Add(bytes / 1e6 / clock.Elapsed.TotalSeconds);
                process.Refresh();
                encodeCpu.Add(bytes / 1e6 / Math.Max(1e-6, (process.TotalProcessorTime - cpu).TotalSeconds));
                clock.Restart();
                tokenizer.Decode(ids);
                decode.Add(bytes / 1e6 / clock.Elapsed.TotalSeconds);
            }
            var longWord = Stopwatch.StartNew();
            tokenizer.Encode(word, addSpecialTokens: false);
            results.Add(new JsonObject
            {
                ["tokenizer"] = name,
                ["load_seconds"] = Math.Round(loadSeconds, 3),
                ["tokens"] = ids.Length,
                ["bytes_per_token"] = Math.Round(bytes / (double)ids.Length, 2),
                ["encode_first_pass_mb_per_s"] = Math.Round(bytes / 1e6 / firstSeconds, 2),
                ["encode_mb_per_s"] = Math.Round(Median.Of(encode), 2),
                // Per second of this process's CPU time: steadier than wall time on a shared machine.
                ["encode_mb_per_cpu_s"] = Math.Round(Median.Of(encodeCpu), 2),
                ["decode_mb_per_s"] = Math.Round(Median.Of(decode), 2),
                ["word_100kb_seconds"] = Math.Round(longWord.Elapsed.TotalSeconds, 3),
            });
        }
        output.Result(new JsonObject { ["text_bytes"] = bytes, ["runs"] = runs, ["results"] = results });
        return 0;
    }

    private static string DefaultFixtures()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Cluster.sln")))
                    return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "fixtures", "tokenizers"));
        throw new CliUsageException("no Cluster.sln above the current folder; give --fixtures DIR");
    }

    // Deterministic text mixing prose, code, numbers, markup, several scripts and emoji, so the cache sees both
    // repeated words and a long tail of rare ones.
    internal static string MixedText(int minimumBytes)
    {
        string[] english = ["the", "a", "little", "girl", "named", "Lily", "loved", "to", "play", "outside", "in", "park", "tokenizer", "throughput",
            "measure", "because", "although", "quickly", "silo", "grain", "cluster", "activation", "residual", "attention", "layer", "model"];
        string[] other = ["Größenwahn", "façade", "naïve", "Ångström", "русский", "язык", "Ελληνικά", "我爱自然语言处理", "東京は日本の首都です", "안녕하세요",
            "مرحبا", "שלום", "नमस्ते", "ภาษาไทย", "Tiếng Việt", "🙂", "🍕🎉", "👩🏽‍💻", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢"];
        string[] code = ["public static async Task<int> MainAsync(string[] args)\n{\n    var x = args?.Length ?? 0;\n    return x;\n}\n",
            "def fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\n", "{\"name\": \"test\", \"values\": [1, 2, 3]}\n",
            "<div class=\"x\"><p>Hello&nbsp;&amp;</p></div>\n", "for (int i = 0; i < n; i++) { sum += a[i] * b[i]; }\n"];
        var random = new Random(20261122);
        var sb = new StringBuilder(minimumBytes + 1024);
        var bytes = 0;
        while (bytes < minimumBytes)
        {
            var start = sb.Length;
            switch (random.Next(10))
            {
                case < 6:
                    var words = random.Next(6, 20);
                    for (var w = 0; w < words; w++)
                    {
                        sb.Append(w == 0 ? "" : " ");
                        var r = random.Next(100);
                        sb.Append(r < 80 ? english[random.Next(english.Length)] : r < 92 ? other[random.Next(other.Length)] : RandomWord(random));
                        if (random.Next(12) == 0) sb.Append(",;:!?"[random.Next(5)]);
                    }
                    sb.Append(random.Next(4) == 0 ? ".\n\n" : ". ");
                    break;
                case < 8:
                    sb.Append(code[random.Next(code.Length)]);
                    break;
                default:
                    sb.Append("In ").Append(random.Next(1900, 2100)).Append(", ").Append(random.Next(1_000_000).ToString("N0", System.Globalization.CultureInfo.InvariantCulture))
                      .Append(" people paid $").Append(random.Next(100)).Append('.').Append(random.Next(10, 99)).Append(" each.\n");
                    break;
            }
            bytes += Encoding.UTF8.GetByteCount(sb.ToString(start, sb.Length - start));
        }
        return sb.ToString();
    }

    private static string RandomWord(Random random)
    {
        var length = random.Next(3, 14);
        var chars = new char[length];
        for (var i = 0; i < length; i++) chars[i] = (char)('a' + random.Next(26));
        return new string(chars);
    }

    private static string LongWord(int length)
    {
        var random = new Random(7);
        var chars = new char[length];
        for (var i = 0; i < length; i++) chars[i] = (char)('a' + random.Next(26));
        return new string(chars);
    }
}
