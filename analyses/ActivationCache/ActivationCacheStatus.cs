namespace Lens.Analyses;

/// <summary>
/// The state of a <see cref="ResidualStreamStore"/>. Hits and misses count chunk reads served from memory (the LRU or
/// a conversation's open chunk) and from disk; <see cref="DiskBytesRead"/> counts the record bytes those misses read.
/// Open chunks (each active conversation's positions since its last whole chunk, kept for appending) are counted apart
/// from the LRU budget.
/// </summary>
public sealed record ActivationCacheStatus(
    long MemoryBytes, long MemoryLimitBytes, int Entries, long Hits, long Misses, long Evictions,
    long OpenChunkBytes, int OpenConversations, long DiskBytes, int DiskConversations, long DiskBytesRead);
