using Lens.Cli.CommandLine;

namespace Lens.Cli;

/// <summary>Dispatches <c>lens COMMAND --options</c>; turns every expected failure into a one-line error and exit code.</summary>
public static class LensCli
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] is "help" or "--help" or "-h")
        {
            stdout.WriteLine("usage: lens COMMAND [options]");
            foreach (var c in CommandTable.All) stdout.WriteLine($"  {c.Usage}");
            stdout.WriteLine("every command with --model also takes --weights mapped|huge-pages|auto (where the weights live; see README)");
            return args.Length == 0 ? 2 : 0;
        }
        var command = CommandTable.All.FirstOrDefault(c => c.Name == args[0]);
        if (command is null)
        {
            stderr.WriteLine($"error: unknown command '{args[0]}'; commands: {string.Join(", ", CommandTable.All.Select(c => c.Name))}");
            return 2;
        }
        try
        {
            return command.Run(new CliArguments(args[1..]), new CliOutput(stdout, stderr));
        }
        catch (CliUsageException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            stderr.WriteLine($"usage: {command.Usage}");
            return 2;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException or InvalidOperationException or NotSupportedException or UnauthorizedAccessException or FormatException or System.Text.Json.JsonException)
        {
            // Expected failures (bad files, bad ids, unsupported models) carry messages written for the user.
            stderr.WriteLine($"error: {e.Message}");
            return 1;
        }
    }
}
