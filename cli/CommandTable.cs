using Lens.Cli.CommandLine;

namespace Lens.Cli;

/// <summary>Every <c>lens</c> sub-command, one line each.</summary>
public static class CommandTable
{
    public static IReadOnlyList<ICliCommand> All { get; } =
    [
    ];
}
