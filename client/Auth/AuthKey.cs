using System.Security.Cryptography;
using System.Text;
using Lens.Client.Configuration;
using Lens.Silo.Configuration;

namespace Lens.Client.Auth;

/// <summary>The secret access tokens are signed with.</summary>
public sealed class AuthKey(byte[] bytes)
{
    /// <summary>The file the generated key is kept in, under LENS_DATA_DIR.</summary>
    public const string FileName = "auth.key";

    /// <summary>The key bytes.</summary>
    public byte[] Bytes { get; } = bytes;

    /// <summary>
    /// LENS_AUTH_KEY when set. Otherwise, with file storage, the key in LENS_DATA_DIR/auth.key, generated on first use
    /// (so every process on that folder, and every restart, accepts the same tokens); with Azure storage a key for this
    /// process only, with a warning, since other client processes cannot know it.
    /// </summary>
    public static AuthKey Load(WebSettings web, LensSettings cluster, ILogger logger)
    {
        if (web.AuthKey is not null) return new AuthKey(Encoding.UTF8.GetBytes(web.AuthKey));
        if (cluster.Storage == StorageKind.File) return FromDataDirectory(cluster.DataDirectory);
        logger.LogWarning("LENS_AUTH_KEY is not set: access tokens are signed with a key of this process only. Set LENS_AUTH_KEY (the same on every client) so tokens work across client processes and restarts.");
        return new AuthKey(RandomNumberGenerator.GetBytes(32));
    }

    private static AuthKey FromDataDirectory(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, FileName);
        try
        {
            // CreateNew: when two processes start together, one writes and the other reads what it wrote.
            using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
            var key = RandomNumberGenerator.GetBytes(32);
            file.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(key)));
            file.Flush(flushToDisk: true);
            return new AuthKey(key);
        }
        catch (IOException) when (File.Exists(path))
        {
            return Read(path);
        }
    }

    private static AuthKey Read(string path)
    {
        for (var attempt = 1; ; attempt++)
        {
            var text = File.ReadAllText(path).Trim();
            var key = new byte[text.Length];
            if (Convert.TryFromBase64String(text, key, out var length) && length >= 16) return new AuthKey(key[..length]);
            if (attempt == 20)
                throw new LensConfigurationException($"The token key file {path} does not hold a base64 key of at least 16 bytes; delete it to have a new one generated (signed-in users then sign in again).");
            Thread.Sleep(50); // another process may still be writing it
        }
    }
}
