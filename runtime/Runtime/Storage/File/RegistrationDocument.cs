namespace Lens.Runtime.Storage.File;

/// <summary>File content of one grain registration.</summary>
internal sealed class RegistrationDocument
{
    public GrainRegistration? Registration { get; set; }
}
