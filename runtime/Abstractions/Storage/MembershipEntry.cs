namespace Lens.Runtime.Storage;

/// <summary>A membership row as read, with the ETag needed to update it.</summary>
/// <param name="Row">The row.</param>
/// <param name="ETag">Opaque; send it back verbatim.</param>
public sealed record MembershipEntry(SiloRow Row, string ETag);
