namespace Lens.Client.Hosting;

/// <summary>Whether this process can make grain calls yet.</summary>
public interface IClusterConnection
{
    /// <summary>True once the co-hosted silo is active, or the external client has connected to a gateway.</summary>
    bool IsConnected { get; }

    /// <summary>Why calls cannot be made yet, for the 503 an API call gets meanwhile.</summary>
    string Describe();
}
