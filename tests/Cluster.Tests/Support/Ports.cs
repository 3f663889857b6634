namespace Lens.Cluster.Tests.Support;

/// <summary>Free 127.0.0.1 ports, distinct from each other.</summary>
internal static class Ports
{
    /// <summary><paramref name="count"/> distinct free ports (<see cref="Lens.Tests.Azurite.FreePort.Many"/>).</summary>
    public static int[] Free(int count) => Lens.Tests.Azurite.FreePort.Many(count);

    /// <summary>A port as a setting value.</summary>
    public static string Text(this int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
