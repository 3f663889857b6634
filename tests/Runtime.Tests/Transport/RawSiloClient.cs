using System.Net;
using System.Text;
using System.Text.Json;

namespace Lens.Runtime.Tests.Transport;

/// <summary>Sends hand-made bodies to a silo over HTTP/2 cleartext, as a misbehaving peer would.</summary>
internal sealed class RawSiloClient(string address) : IDisposable
{
    private readonly HttpClient _http = new();

    public async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string path, byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(address), path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body),
        };
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text.Split('\n')[0]).RootElement.Clone());
    }

    public Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string path, string body) => PostAsync(path, Encoding.UTF8.GetBytes(body));

    public async Task<HttpStatusCode> PingAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(address), "lens/ping"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        using var response = await _http.SendAsync(request);
        return response.StatusCode;
    }

    public void Dispose() => _http.Dispose();
}
