using System.Buffers;
using System.Net;
using Lens.Hub.Cache;
using Lens.Hub.Remote;

namespace Lens.Hub.Download;

/// <summary>
/// Fetches one blob into the cache: under the blob's lock, into <c>blobs/&lt;etag&gt;.incomplete</c>, resumed with
/// <c>Range</c> where an earlier try or process stopped, checked against the ETag and size, and only then renamed to
/// <c>blobs/&lt;etag&gt;</c> — so a blob under its final name is always complete and correct.
/// </summary>
internal sealed class BlobDownload(HubHttp http, RepoCache cache, IProgress<HubProgress>? progress)
{
    private const int BufferBytes = 256 << 10;
    private const long MinProgressStep = 256 << 10;

    public async Task FetchAsync(FileMetadata file, CancellationToken ct)
    {
        var blob = cache.BlobPath(file.Etag);
        if (File.Exists(blob)) return;
        using (await CacheLock.AcquireAsync(cache.LockPath(file.Etag), ct))
        {
            if (File.Exists(blob)) return; // another process fetched it while we waited for the lock
            var partial = cache.IncompletePath(file.Etag);
            Directory.CreateDirectory(Path.GetDirectoryName(partial)!);
            EnsureSpace(file, partial);
            await Retry.RunAsync(http.Options, async () => { await DownloadOnceAsync(file, partial, ct); return true; },
                (e, tries) => new HubException(HubError.Network,
                    $"downloading '{file.File}' of '{cache.Id}' failed ({tries}): {e.Message}; " +
                    $"{Length(partial)} of {file.Size} bytes are kept in {partial} and the next run resumes from there", e),
                ct);
            File.Move(partial, blob, overwrite: true);
        }
    }

    /// <summary>Brings the partial file to the full, verified blob, starting from what it already holds.</summary>
    private async Task DownloadOnceAsync(FileMetadata file, string partial, CancellationToken ct)
    {
        var have = Length(partial);
        if (have > file.Size) { File.Delete(partial); have = 0; }
        if (have == file.Size) // a finished download not yet renamed (the process stopped in between)
        {
            using var existing = new BlobChecksum(file.Etag, file.Size);
            existing.AppendFile(partial, have);
            Verify(file, partial, have, existing);
            Report(file, have);
            return;
        }

        using var response = await http.SendAsync(HttpMethod.Get, file.DownloadUri, have, followAbsoluteRedirects: true, ct);
        if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            File.Delete(partial);
            throw new TransientHubFailure($"the server would not resume '{file.File}' at byte {have}; starting over");
        }
        HubResponses.EnsureSuccess(response, http, cache.Id, file.File);
        // A server that ignores Range sends the whole file (200): start over rather than append it.
        var start = response.StatusCode == HttpStatusCode.PartialContent && response.Content.Headers.ContentRange?.From == have ? have : 0;
        if (response.StatusCode == HttpStatusCode.PartialContent && start != have)
            throw new TransientHubFailure($"the server answered '{file.File}' with range {response.Content.Headers.ContentRange}, not bytes {have}-");

        using var checksum = new BlobChecksum(file.Etag, file.Size);
        if (start > 0) checksum.AppendFile(partial, start);
        var done = start;
        await using (var output = new FileStream(partial, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read, BufferBytes, useAsync: true))
        {
            output.SetLength(start);
            output.Seek(start, SeekOrigin.Begin);
            await using var body = await http.WithReadTimeout(t => response.Content.ReadAsStreamAsync(t), $"GET {file.DownloadUri}", ct);
            var buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
            try
            {
                var step = Math.Max(file.Size / 100, MinProgressStep);
                var reported = done;
                Report(file, done);
                while (true)
                {
                    var n = await http.WithReadTimeout(t => body.ReadAsync(buffer, t).AsTask(), $"reading '{file.File}' at byte {done}", ct);
                    if (n == 0) break;
                    await output.WriteAsync(buffer.AsMemory(0, n), ct);
                    checksum.Append(buffer.AsSpan(0, n));
                    done += n;
                    if (done - reported >= step && done < file.Size) { Report(file, done); reported = done; }
                }
            }
            finally { ArrayPool<byte>.Shared.Return(buffer); }
            output.Flush(flushToDisk: true);
        }
        if (done < file.Size)
            throw new TransientHubFailure($"the connection closed after {done} of {file.Size} bytes of '{file.File}'");
        Verify(file, partial, done, checksum);
        Report(file, done);
    }

    /// <summary>A wrong size or hash removes the partial file: resuming corrupt bytes would never succeed.</summary>
    private void Verify(FileMetadata file, string partial, long length, BlobChecksum checksum)
    {
        var problem = length != file.Size ? $"{length} bytes arrived where the hub announced {file.Size}"
            : checksum.Mismatch() is { } actual ? $"its {checksum.Kind} is {actual} where the hub's ETag says {file.Etag}"
            : null;
        if (problem is null) return;
        File.Delete(partial);
        throw new HubException(HubError.ChecksumMismatch,
            $"'{file.File}' of '{cache.Id}' is corrupt: {problem}. The download was removed; run again (if it repeats, something between here and the hub alters the file)");
    }

    private void EnsureSpace(FileMetadata file, string partial)
    {
        var folder = Path.GetDirectoryName(partial)!;
        var needed = file.Size - Length(partial);
        var free = new DriveInfo(folder).AvailableFreeSpace;
        if (needed > free)
            throw new HubException(HubError.Disk,
                $"not enough space in {folder} for '{file.File}' of '{cache.Id}': it needs {Megabytes(needed)} more, {Megabytes(free)} are free (set HF_HUB_CACHE to a larger disk)");
    }

    private void Report(FileMetadata file, long done) => progress?.Report(new HubProgress(cache.Id.Repo, file.File, done, file.Size));

    private static long Length(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

    private static string Megabytes(long bytes) => $"{bytes / 1e6:0.#} MB";
}
