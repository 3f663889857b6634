namespace Lens.Runtime;

/// <summary>A grain addressed by a Guid key.</summary>
public interface IGrainWithGuidKey : IGrain;
