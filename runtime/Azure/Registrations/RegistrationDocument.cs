namespace Lens.Runtime.Azure.Registrations;

/// <summary>The body of a registration blob; the ETag lives on the blob, not in it.</summary>
internal sealed record RegistrationDocument(string GrainId, string SiloId, string SiloAddress, string ActivationId);
