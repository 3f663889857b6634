namespace Lens.Runtime.Azure.Rest;

/// <summary>Which storage service a request goes to; the two sign differently.</summary>
public enum StorageService
{
    /// <summary>Blob service.</summary>
    Blob,

    /// <summary>Table service.</summary>
    Table,
}
