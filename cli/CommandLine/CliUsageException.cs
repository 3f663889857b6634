namespace Lens.Cli.CommandLine;

/// <summary>A command line that does not say what the command needs; reported on stderr with exit code 2.</summary>
public sealed class CliUsageException(string message) : Exception(message);
