using System.Diagnostics;
using System.Globalization;
using Lens.Hub;

namespace Lens.Cli.CommandLine;

/// <summary>
/// Shows a model download on stderr: a line when a file starts, one per further tenth, and one when it is done with
/// its rate. Reports arrive on the downloading thread in order, so no synchronisation is needed.
/// </summary>
public sealed class HubDownloadProgress(TextWriter stderr) : IProgress<HubProgress>
{
    private string? _file;
    private long _startBytes;
    private int _tenths;
    private readonly Stopwatch _clock = new();

    public void Report(HubProgress value)
    {
        if (value.File != _file)
        {
            _file = value.File;
            _startBytes = value.BytesDone;
            _tenths = Tenths(value);
            _clock.Restart();
            var resumed = value.BytesDone > 0 && !value.IsComplete ? $", resuming at {Megabytes(value.BytesDone)}" : "";
            stderr.WriteLine($"hub: {value.Repo} {value.File} {Megabytes(value.TotalBytes)}{resumed}");
            if (!value.IsComplete) return;
        }
        if (value.IsComplete)
        {
            var seconds = Math.Max(_clock.Elapsed.TotalSeconds, 1e-3);
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"hub: {value.File} done ({(value.BytesDone - _startBytes) / 1e6 / seconds:0.0} MB/s)"));
            _file = null;
            return;
        }
        var tenths = Tenths(value);
        if (tenths <= _tenths) return;
        _tenths = tenths;
        stderr.WriteLine($"hub: {value.File} {tenths * 10}% ({Megabytes(value.BytesDone)} of {Megabytes(value.TotalBytes)})");
    }

    private static int Tenths(HubProgress p) => p.TotalBytes == 0 ? 10 : (int)(p.BytesDone * 10 / p.TotalBytes);

    private static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e6:0.0} MB");
}
