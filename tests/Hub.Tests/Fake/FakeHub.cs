using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lens.Hub.Tests.Fake;

/// <summary>
/// A stand-in for huggingface.co on 127.0.0.1 (Kestrel, free port) speaking the hub's protocol: the revision API,
/// <c>resolve</c> URLs (HEAD and GET; LFS files answered by a 302 to a CDN path on <c>localhost</c>, a different origin,
/// with <c>X-Linked-Etag</c>/<c>X-Linked-Size</c>), Range requests, <c>X-Error-Code</c> errors, and injectable faults.
/// </summary>
public sealed class FakeHub : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, FakeRepo> _repos = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<HubRequest> _requests = new();
    private int _port;
    private bool _stopped;

    private FakeHub(WebApplication app) => _app = app;

    public Uri Endpoint => new($"http://127.0.0.1:{_port}");
    public HubFaults Faults { get; } = new();
    public IReadOnlyList<HubRequest> Requests => [.. _requests];

    public static async Task<FakeHub> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var hub = new FakeHub(app);
        app.Run(hub.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        hub._port = new Uri(address).Port;
        return hub;
    }

    public FakeRepo AddRepo(string id) => _repos.GetOrAdd(id, key => new FakeRepo(key));

    public void ClearRequests() => _requests.Clear();

    /// <summary>Waits until <paramref name="count"/> requests matching <paramref name="match"/> arrived; fails naming <paramref name="what"/> after 30 s.</summary>
    public async Task WaitForRequestsAsync(string what, Func<HubRequest, bool> match, int count = 1)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (_requests.Count(match) < count)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"waiting for {what}: {_requests.Count(match)} of {count} requests arrived in 30 s");
            await Task.Delay(10);
        }
    }

    /// <summary>Stops serving (the port then refuses connections), as a hub that went away.</summary>
    public async Task StopAsync()
    {
        if (_stopped) return;
        _stopped = true;
        await _app.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext ctx)
    {
        // The raw target keeps %2F inside a segment (a revision such as refs%2Fpr%2F1) apart from '/'.
        var raw = ctx.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget.Split('?')[0];
        var segments = raw.Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        var authorization = ctx.Request.Headers.Authorization.ToString();
        _requests.Enqueue(new HubRequest(ctx.Request.Method, ctx.Request.Host.Host, raw,
            authorization.Length > 0 ? authorization : null, ctx.Request.Headers.Range.Count > 0 ? ctx.Request.Headers.Range.ToString() : null));
        var token = authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization["Bearer ".Length..] : null;

        if (segments is ["api", "models", var org, var name, "revision", var revision])
            await RevisionInfoAsync(ctx, $"{org}/{name}", revision, token);
        else if (segments.Length >= 5 && segments[2] == "resolve")
            await ResolveAsync(ctx, $"{segments[0]}/{segments[1]}", segments[3], string.Join('/', segments[4..]), token);
        else if (segments is ["cdn", var sha256])
            await CdnAsync(ctx, sha256);
        else
            ctx.Response.StatusCode = 404;
    }

    private async Task RevisionInfoAsync(HttpContext ctx, string id, string revision, string? token)
    {
        if (Find(ctx, id, token) is not { } repo) return;
        if (repo.CommitOf(revision) is not { } commit) { Error(ctx, 404, "RevisionNotFound", $"Invalid rev id: {revision}"); return; }
        await ctx.Response.WriteAsJsonAsync(new
        {
            id = repo.Id,
            sha = commit,
            @private = repo.PrivateToken is not null,
            gated = repo.GatedToken is not null ? "manual" : (object)false,
            siblings = repo.FilesAt(commit).Keys.Select(f => new { rfilename = f }),
        });
    }

    private async Task ResolveAsync(HttpContext ctx, string id, string revision, string file, string? token)
    {
        if (Find(ctx, id, token) is not { } repo) return;
        if (repo.GatedToken is { } gated && token != gated)
        {
            Error(ctx, token is null ? 401 : 403, "GatedRepo", $"Access to model {id} is restricted and you are not in the authorized list.");
            return;
        }
        if (repo.CommitOf(revision) is not { } commit) { Error(ctx, 404, "RevisionNotFound", $"Invalid rev id: {revision}"); return; }
        if (!repo.FilesAt(commit).TryGetValue(file, out var content)) { Error(ctx, 404, "EntryNotFound", $"{file} does not exist on \"{revision}\""); return; }

        ctx.Response.Headers["X-Repo-Commit"] = commit;
        if (!content.IsLfs)
        {
            ctx.Response.Headers.ETag = $"\"{content.GitSha1}\"";
            await ServeAsync(ctx, content);
            return;
        }
        // As the hub does for LFS files: a redirect to the CDN, describing the file in X-Linked-* headers.
        ctx.Response.StatusCode = 302;
        ctx.Response.Headers.ETag = $"\"{content.GitSha1}\"";
        ctx.Response.Headers["X-Linked-Etag"] = $"\"{content.Sha256}\"";
        ctx.Response.Headers["X-Linked-Size"] = (Faults.ClaimedSize(file) ?? content.Content.Length).ToString(CultureInfo.InvariantCulture);
        ctx.Response.Headers.Location = $"http://localhost:{_port}/cdn/{content.Sha256}";
    }

    private async Task CdnAsync(HttpContext ctx, string sha256)
    {
        var file = _repos.Values.SelectMany(r => r.AllFiles).FirstOrDefault(f => f.Sha256 == sha256);
        if (file is null) { ctx.Response.StatusCode = 404; return; }
        await ServeAsync(ctx, file);
    }

    private async Task ServeAsync(HttpContext ctx, RepoFile file)
    {
        if (HttpMethods.IsGet(ctx.Request.Method) && Faults.TakeFailure(file.Name) is { } status) { ctx.Response.StatusCode = status; return; }
        var content = file.Content;
        if (Faults.IsCorrupt(file.Name))
        {
            content = [.. content];
            content[content.Length / 2] ^= 0x5A;
        }
        long start = 0;
        var range = ctx.Request.Headers.Range.ToString();
        if (range.StartsWith("bytes=", StringComparison.Ordinal) && range.EndsWith('-') && !Faults.IgnoreRange)
        {
            start = long.Parse(range["bytes=".Length..^1], CultureInfo.InvariantCulture);
            if (start >= content.Length)
            {
                ctx.Response.StatusCode = 416;
                ctx.Response.Headers.ContentRange = $"bytes */{content.Length}";
                return;
            }
            ctx.Response.StatusCode = 206;
            ctx.Response.Headers.ContentRange = $"bytes {start}-{content.Length - 1}/{content.Length}";
        }
        ctx.Response.ContentLength = content.Length - start;
        if (HttpMethods.IsHead(ctx.Request.Method)) return;
        await Faults.WaitIfHeld(file.Name);

        if (Faults.TakeCut(file.Name) is { } cut && cut < content.Length)
        {
            // A connection lost mid-file: some bytes, then nothing (the client sees the body end early).
            if (cut > start) await ctx.Response.Body.WriteAsync(content.AsMemory((int)start, (int)(cut - start)));
            await ctx.Response.Body.FlushAsync();
            // Kestrel sends from its output pipe on its own schedule and Abort drops what is still queued: give the
            // bytes time to leave, so the client really holds them when the connection dies.
            await Task.Delay(100);
            ctx.Abort();
            return;
        }
        await ctx.Response.Body.WriteAsync(content.AsMemory((int)start));
    }

    private FakeRepo? Find(HttpContext ctx, string id, string? token)
    {
        // Like the hub: a repository you may not see does not exist, and anonymous callers are told to authenticate.
        if (_repos.TryGetValue(id, out var repo) && (repo.PrivateToken is null || repo.PrivateToken == token)) return repo;
        Error(ctx, token is null ? 401 : 404, "RepoNotFound", "Repository not found");
        return null;
    }

    private static void Error(HttpContext ctx, int status, string code, string message)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.Headers["X-Error-Code"] = code;
        ctx.Response.Headers["X-Error-Message"] = message;
    }
}
