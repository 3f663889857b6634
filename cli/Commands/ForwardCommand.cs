using System.Text.Json;
using Lens.Cli.CommandLine;
using Lens.Engine.Hooks;
using Lens.Engine.Inference;

namespace Lens.Cli.Commands;

/// <summary>
/// <c>lens forward</c>: one teacher-forced pass, writing the requested fields with the keys, shapes and conventions of
/// the golden schema (shared/fixtures/models/README.md).
/// </summary>
public sealed class ForwardCommand : ICliCommand
{
    public string Name => "forward";
    public string Usage => "forward --model DIR --ids 1,2,3 [--fields " + string.Join(",", ForwardFields.Names) + "] [--threads N] [--out FILE]";

    public int Run(CliArguments args, CliOutput output)
    {
        var ids = ModelArguments.Ids(args) ?? throw new CliUsageException("missing required option --ids");
        var fields = args.List("fields") ?? ["logits_final"];
        foreach (var f in fields)
            if (!ForwardFields.Names.Contains(f))
                throw new CliUsageException($"unknown field '{f}'; fields: {string.Join(", ", ForwardFields.Names)}");
        var outFile = args.Optional("out");
        var modelArgs = new ModelArguments(args);
        args.EnsureAllUsed();

        using var model = modelArgs.Load();
        var cache = new ActivationCache(ForwardFields.HookPointsFor(fields));
        var logits = model.Forward(ids, cache, fields.Contains("logits_final") ? LogitsScope.All : LogitsScope.None);
        var capture = new ForwardCapture(model, ids, logits, cache);
        output.Result(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("model_type", model.Config.ModelType);
            writer.WriteStartArray("input_ids");
            foreach (var id in ids) writer.WriteNumberValue(id);
            writer.WriteEndArray();
            foreach (var field in fields)
            {
                writer.WritePropertyName(field);
                ForwardFields.Write(field, capture, writer);
            }
            writer.WriteEndObject();
        }, outFile);
        return 0;
    }
}
