namespace Lens.Hub;

/// <summary>Why a hub download failed; lets callers tell "wrong id" from "try again later".</summary>
public enum HubError
{
    /// <summary>The repository does not exist (or is private and no valid token was sent).</summary>
    RepositoryNotFound,
    /// <summary>The repository exists but the branch, tag or commit does not.</summary>
    RevisionNotFound,
    /// <summary>The hub refused access: a gated or private model, and HF_TOKEN missing or without access.</summary>
    AccessDenied,
    /// <summary>The repository holds no weights the engine reads (safetensors at its root) or no config.json.</summary>
    NotAModel,
    /// <summary>A downloaded file's sha256 / git hash or size differs from what the hub announced; it was removed.</summary>
    ChecksumMismatch,
    /// <summary>The hub could not be reached or the connection failed; partial files are kept and resumed next time.</summary>
    Network,
    /// <summary>Offline (HF_HUB_OFFLINE or no network) and the revision is not complete in the cache.</summary>
    NotInCache,
    /// <summary>The cache folder could not be written (not writable, not enough space).</summary>
    Disk,
    /// <summary>The hub answered something this client cannot use (bad commit id, missing headers, unsafe names).</summary>
    InvalidResponse,
}
