namespace Lens.Hub;

/// <summary>
/// Where the hub is, who we are to it and where its cache lives. <see cref="FromEnvironment"/> reads the variables
/// huggingface_hub reads, so both share one cache and one configuration.
/// </summary>
public sealed record HubOptions
{
    public static readonly Uri DefaultEndpoint = new("https://huggingface.co");

    /// <summary>The hub's base URL (HF_ENDPOINT), e.g. a mirror.</summary>
    public Uri Endpoint { get; init; } = DefaultEndpoint;

    /// <summary>Sent as <c>Authorization: Bearer</c> to the endpoint's host only (never to the CDN it redirects to).</summary>
    public string? Token { get; init; }

    /// <summary>The hub cache folder holding <c>models--org--name/</c> (HF_HUB_CACHE).</summary>
    public required string CacheDirectory { get; init; }

    /// <summary>Never use the network; resolve from the cache only (HF_HUB_OFFLINE).</summary>
    public bool Offline { get; init; }

    /// <summary>Tries per file before a network failure is reported; each try resumes where the last one stopped.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>Wait before the second try; doubles for each further one.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A connection that delivers nothing for this long counts as broken (and the download is resumed).</summary>
    public TimeSpan ReadTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Reads HF_ENDPOINT, HF_TOKEN (else the token file at HF_TOKEN_PATH or HF_HOME/token), HF_HUB_CACHE (else
    /// HF_HOME/hub, HF_HOME defaulting to XDG_CACHE_HOME/huggingface or ~/.cache/huggingface) and HF_HUB_OFFLINE.
    /// </summary>
    /// <param name="variable">Looks up one environment variable; the process environment when null.</param>
    /// <exception cref="ArgumentException">HF_ENDPOINT is not an absolute http(s) URL.</exception>
    public static HubOptions FromEnvironment(Func<string, string?>? variable = null)
    {
        variable ??= Environment.GetEnvironmentVariable;
        string? Get(string name) => variable(name) is { Length: > 0 } v ? v : null;
        var home = Get("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        string Expand(string path) => path == "~" ? home : path.StartsWith("~/", StringComparison.Ordinal) ? Path.Combine(home, path[2..]) : path;

        var hfHome = Expand(Get("HF_HOME") ?? Path.Combine(Get("XDG_CACHE_HOME") ?? Path.Combine(home, ".cache"), "huggingface"));
        var cache = Expand(Get("HF_HUB_CACHE") ?? Get("HUGGINGFACE_HUB_CACHE") ?? Path.Combine(hfHome, "hub"));
        return new HubOptions
        {
            Endpoint = Get("HF_ENDPOINT") is { } endpoint ? ParseEndpoint(endpoint) : DefaultEndpoint,
            Token = Get("HF_TOKEN") ?? Get("HUGGING_FACE_HUB_TOKEN") ?? ReadTokenFile(Expand(Get("HF_TOKEN_PATH") ?? Path.Combine(hfHome, "token"))),
            CacheDirectory = Path.GetFullPath(cache),
            Offline = IsTrue(Get("HF_HUB_OFFLINE") ?? Get("TRANSFORMERS_OFFLINE")),
        };
    }

    private static Uri ParseEndpoint(string text) =>
        Uri.TryCreate(text.TrimEnd('/'), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new ArgumentException($"HF_ENDPOINT must be an absolute http(s) URL such as https://huggingface.co, got '{text}'");

    // `huggingface-cli login` writes the token here; a missing or empty file means "no token".
    private static string? ReadTokenFile(string path) =>
        File.Exists(path) && File.ReadAllText(path).Trim() is { Length: > 0 } token ? token : null;

    // huggingface_hub's notion of a true flag.
    private static bool IsTrue(string? value) =>
        value is not null && value.Trim().ToUpperInvariant() is "1" or "ON" or "YES" or "TRUE";
}
