namespace Lens.Runtime.Tests.Grains;

/// <summary>Which activation answered.</summary>
public sealed record ActivationInfo(string SiloId, string ActivationId);
