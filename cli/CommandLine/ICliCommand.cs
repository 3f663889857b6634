namespace Lens.Cli.CommandLine;

/// <summary>One <c>lens</c> sub-command. JSON results go to <see cref="CliOutput.Result"/>, diagnostics to stderr.</summary>
public interface ICliCommand
{
    string Name { get; }

    /// <summary>One-line usage shown by <c>lens help</c>.</summary>
    string Usage { get; }

    /// <summary>Runs the command; returns the process exit code. Throw <see cref="CliUsageException"/> for bad options.</summary>
    int Run(CliArguments args, CliOutput output);
}
