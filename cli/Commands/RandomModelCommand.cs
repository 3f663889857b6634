using System.Text.Json.Nodes;
using Lens.Cli.CommandLine;
using Lens.Engine.IO;

namespace Lens.Cli.Commands;

/// <summary><c>lens random-model</c>: writes a random-weight Llama in Hugging Face layout (benchmarks, pipeline tests).</summary>
public sealed class RandomModelCommand : ICliCommand
{
    public string Name => "random-model";
    public string Usage => "random-model --out DIR [--shape stories110M | --hidden D --intermediate I --layers L --heads H --kv-heads KVH --vocab V --context N] [--dtype F32|BF16|F16] [--seed S]";

    public int Run(CliArguments args, CliOutput output)
    {
        var dir = args.Required("out");
        var shapeName = args.Optional("shape");
        RandomModelShape shape;
        if (shapeName is not null)
            shape = shapeName == "stories110M" ? RandomModelShape.Stories110M : throw new CliUsageException($"unknown --shape '{shapeName}' (known: stories110M)");
        else
        {
            var heads = args.Int("heads", 4);
            shape = new RandomModelShape(args.Int("hidden", 64), args.Int("intermediate", 172), args.Int("layers", 2), heads,
                args.Int("kv-heads", heads), args.Int("vocab", 512), args.Int("context", 512));
            if (shape.Hidden <= 0 || shape.Layers <= 0 || heads <= 0 || shape.Hidden % heads != 0 || shape.KvHeads <= 0 || heads % shape.KvHeads != 0 || shape.Vocab <= 0 || shape.Intermediate <= 0)
                throw new CliUsageException("shape needs positive sizes, --hidden divisible by --heads, and --kv-heads dividing --heads");
        }
        var dtypeName = args.Optional("dtype") ?? "F32";
        var dtype = TensorDTypes.Parse(dtypeName.ToUpperInvariant()) ?? throw new CliUsageException($"--dtype must be F32, BF16 or F16, got '{dtypeName}'");
        var seed = (ulong)args.Int("seed", 0);
        args.EnsureAllUsed();

        RandomModelWriter.Write(dir, shape, dtype, seed);
        output.Result(new JsonObject { ["out"] = Path.GetFullPath(dir), ["parameters"] = shape.Parameters, ["dtype"] = dtype.ToString() });
        return 0;
    }
}
