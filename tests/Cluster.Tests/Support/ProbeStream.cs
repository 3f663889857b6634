using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Lens.Cluster.Tests.Support;

/// <summary>
/// A client storing 1, 2, 3, … in one probe through the HTTP API, each call after the previous one returned. A failed
/// call is not resent (its value may or may not be stored); the stream goes on.
/// </summary>
internal sealed class ProbeStream(string key, HttpClient api, Stopwatch clock)
{
    private readonly Lock _lock = new();
    private readonly List<(long Value, long Count, string Silo, TimeSpan At)> _acknowledged = [];
    private readonly List<(long Value, string Error, TimeSpan At)> _failed = [];

    public string Key { get; } = key;

    /// <summary>Values whose call returned 200, with the count and silo it reported and when.</summary>
    public IReadOnlyList<(long Value, long Count, string Silo, TimeSpan At)> Acknowledged { get { lock (_lock) return [.. _acknowledged]; } }

    /// <summary>Values whose call failed, with the problem detail.</summary>
    public IReadOnlyList<(long Value, string Error, TimeSpan At)> Failed { get { lock (_lock) return [.. _failed]; } }

    public async Task RunAsync(CancellationToken stop)
    {
        for (var value = 1L; !stop.IsCancellationRequested; value++)
        {
            try
            {
                using var response = await api.PostAsJsonAsync($"/api/cluster/probes/{Key}", new { value }, CancellationToken.None);
                var body = await response.Content.ReadFromJsonAsync<JsonElement>(CancellationToken.None);
                lock (_lock)
                {
                    if (response.IsSuccessStatusCode) _acknowledged.Add((value, body.GetProperty("count").GetInt64(), body.GetProperty("silo").GetString()!, clock.Elapsed));
                    else _failed.Add((value, $"{(int)response.StatusCode}: {body.GetProperty("detail").GetString()}", clock.Elapsed));
                }
            }
            catch (HttpRequestException e)
            {
                lock (_lock) _failed.Add((value, e.Message, clock.Elapsed));
            }
        }
    }
}
