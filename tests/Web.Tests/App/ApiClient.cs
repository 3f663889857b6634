using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Lens.Web.Tests.App;

/// <summary>The product API called directly with a page's bearer token: the oracle the pages are compared with.</summary>
public sealed class ApiClient(string baseUrl, string token) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>GETs <paramref name="pathOrUrl"/> (a path, or an absolute URL the page used) and parses the JSON.</summary>
    public async Task<JsonElement> GetJsonAsync(string pathOrUrl)
    {
        var (status, body) = await GetAsync(pathOrUrl);
        Assert.True(status == HttpStatusCode.OK, $"GET {pathOrUrl} answered {(int)status}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public async Task<(HttpStatusCode Status, string Body)> GetAsync(string pathOrUrl)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, pathOrUrl);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public void Dispose() => _http.Dispose();
}
