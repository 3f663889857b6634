using System.Security.Cryptography;
using System.Text;

namespace Lens.Hub.Tests.Fake;

/// <summary>A repository on the fake hub: commits of files, branches and tags pointing at them, and its access rules.</summary>
public sealed class FakeRepo(string id)
{
    private readonly Dictionary<string, Dictionary<string, RepoFile>> _commits = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _refs = new(StringComparer.Ordinal);

    public string Id { get; } = id;

    /// <summary>When set, the repository is private: requests without this bearer token get 401 RepoNotFound.</summary>
    public string? PrivateToken { get; set; }

    /// <summary>When set, the repository is gated: its listing is public, its files need this token (401 without one, 403 with another).</summary>
    public string? GatedToken { get; set; }

    /// <summary>Adds a commit holding <paramref name="files"/> and points <paramref name="branch"/> at it; returns its hash.</summary>
    public string Commit(IReadOnlyDictionary<string, byte[]> files, string branch = "main")
    {
        var hash = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes($"{Id} {_commits.Count} {Guid.NewGuid()}")));
        _commits[hash] = files.ToDictionary(f => f.Key, f => new RepoFile(f.Key, f.Value), StringComparer.Ordinal);
        _refs[branch] = hash;
        return hash;
    }

    public void Tag(string name, string commit) => _refs[name] = commit;

    public string? CommitOf(string revision) => _commits.ContainsKey(revision) ? revision : _refs.GetValueOrDefault(revision);

    public IReadOnlyDictionary<string, RepoFile> FilesAt(string commit) => _commits[commit];

    public RepoFile File(string revision, string name) => _commits[CommitOf(revision)!][name];

    internal IEnumerable<RepoFile> AllFiles => _commits.Values.SelectMany(c => c.Values);
}
