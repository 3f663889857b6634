using System.Security.Cryptography;
using System.Text;

namespace Lens.Hub.Tests.Fake;

/// <summary>
/// A file in a fake repository. Like the hub: weights and files over 10 kB are LFS files (ETag = sha256, served from
/// the CDN), the rest are plain git files (ETag = git blob sha1, served directly).
/// </summary>
public sealed class RepoFile(string name, byte[] content)
{
    private const int LfsThreshold = 10_000;

    public string Name { get; } = name;
    public byte[] Content { get; } = content;
    public bool IsLfs => Content.Length > LfsThreshold || Name.EndsWith(".safetensors", StringComparison.Ordinal);
    public string Sha256 { get; } = Convert.ToHexStringLower(SHA256.HashData(content));
    public string GitSha1 { get; } = Convert.ToHexStringLower(SHA1.HashData([.. Encoding.ASCII.GetBytes($"blob {content.Length}\0"), .. content]));

    /// <summary>The ETag huggingface_hub names the blob after.</summary>
    public string Etag => IsLfs ? Sha256 : GitSha1;
}
