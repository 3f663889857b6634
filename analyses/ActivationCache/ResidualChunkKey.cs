namespace Lens.Analyses;

/// <summary>One cached block of residuals: a conversation's rows of one layer slot for one chunk of positions.</summary>
public readonly record struct ResidualChunkKey(string Conversation, int Slot, int Chunk);
