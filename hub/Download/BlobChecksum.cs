using System.Security.Cryptography;
using System.Text;

namespace Lens.Hub.Download;

/// <summary>
/// Checks a blob against its ETag while it streams in: a 64-digit ETag is the sha256 of an LFS file, a 40-digit one
/// the git blob sha1 of a small file (sha1 over <c>"blob {size}\0"</c> then the bytes). Other ETags (a mirror's own)
/// cannot be checked; the size still is.
/// </summary>
internal sealed class BlobChecksum : IDisposable
{
    private readonly IncrementalHash? _hash;
    private readonly string _etag;

    public BlobChecksum(string etag, long size)
    {
        _etag = etag.ToLowerInvariant();
        if (!_etag.All(char.IsAsciiHexDigit)) return;
        if (_etag.Length == 64) _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        else if (_etag.Length == 40)
        {
            _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
            _hash.AppendData(Encoding.ASCII.GetBytes($"blob {size}\0"));
        }
    }

    /// <summary>"sha256", "git sha1", or null when the ETag is not a hash this client knows.</summary>
    public string? Kind => _hash is null ? null : _etag.Length == 64 ? "sha256" : "git sha1";

    public void Append(ReadOnlySpan<byte> bytes) => _hash?.AppendData(bytes);

    /// <summary>Feeds the first <paramref name="length"/> bytes already on disk (a resumed download).</summary>
    public void AppendFile(string path, long length)
    {
        if (_hash is null) return;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 20);
        var buffer = new byte[1 << 20];
        for (long done = 0; done < length;)
        {
            var n = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, length - done));
            if (n == 0) throw new IOException($"{path} is shorter than the {length} bytes it had a moment ago");
            _hash.AppendData(buffer, 0, n);
            done += n;
        }
    }

    /// <summary>Null when the content matches the ETag (or cannot be checked); else the hash the content has.</summary>
    public string? Mismatch()
    {
        if (_hash is null) return null;
        var actual = Convert.ToHexStringLower(_hash.GetHashAndReset());
        return actual == _etag ? null : actual;
    }

    public void Dispose() => _hash?.Dispose();
}
