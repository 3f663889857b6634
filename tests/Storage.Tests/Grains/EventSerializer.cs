using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Lens.Storage.Tests.Grains;

/// <summary>Orleans' serializer outside a silo, to read journaled events back the way the grain wrote them.</summary>
internal static class EventSerializer
{
    private static readonly Lazy<Serializer> Instance = new(() => new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>());

    public static Serializer Serializer => Instance.Value;
}
