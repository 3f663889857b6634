namespace Lens.Runtime.Storage;

/// <summary>A reference to a value in <see cref="ILargeValueStore"/>.</summary>
/// <param name="Id">Store-independent id: <c>sha256-</c> followed by the lowercase hex digest of the content.</param>
/// <param name="Length">Length in bytes.</param>
public sealed record LargeValueRef(string Id, long Length);
