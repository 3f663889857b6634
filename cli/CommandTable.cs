using Lens.Cli.CommandLine;
using Lens.Cli.Commands;

namespace Lens.Cli;

/// <summary>Every <c>lens</c> sub-command, one line each.</summary>
public static class CommandTable
{
    public static IReadOnlyList<ICliCommand> All { get; } =
    [
        new ForwardCommand(),
        new GenerateCommand(),
        new BenchCommand(),
        new BatchBenchCommand(),
        new CacheBenchCommand(),
        new RandomModelCommand(),
        new LogitLensCommand(),
        new AttentionMetricsCommand(),
        new ResearchCaptureCommand(),
        new ValidateCommand(),
        new TokenizeCommand(),
        new DetokenizeCommand(),
        new ChatCommand(),
        new TokenizerBenchCommand(),
    ];
}
