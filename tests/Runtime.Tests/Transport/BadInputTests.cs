using System.Net;
using System.Text.Json;
using Lens.Runtime.Storage;
using Lens.Runtime.Tests.Grains;

namespace Lens.Runtime.Tests.Transport;

public sealed class BadInputTests
{
    private const int MaxBytes = 64 * 1024;

    private static string Call(string type, string key, string method, string args) =>
        $$"""{"grainType":"{{type}}","key":"{{key}}","method":"{{method}}","arguments":{{args}},"timeoutMs":5000}""";

    private static string KindOf(JsonElement body) => body.GetProperty("error").GetProperty("kind").GetString()!;

    [Theory]
    [InlineData("""{"grainType":"nosuchtype","key":"k","method":"Echo","arguments":["x"],"timeoutMs":5000}""", HttpStatusCode.NotFound, "UnknownGrainType")]
    [InlineData("""{"grainType":"utility","key":"k","method":"NoSuchMethod","arguments":[],"timeoutMs":5000}""", HttpStatusCode.NotFound, "UnknownMethod")]
    [InlineData("""{"grainType":"utility","key":"k","method":"Echo","arguments":[42],"timeoutMs":5000}""", HttpStatusCode.BadRequest, "BadRequest")]
    [InlineData("""{"grainType":"utility","key":"k","method":"Echo","arguments":[],"timeoutMs":5000}""", HttpStatusCode.BadRequest, "BadRequest")]
    [InlineData("""{"grainType":"utility","key":"k","method":"Count","arguments":[1,0],"timeoutMs":5000}""", HttpStatusCode.BadRequest, "BadRequest")]
    [InlineData("""{"grainType":"utility","key":"k","method":"Echo","arguments":["x"],"timeoutMs":5000""", HttpStatusCode.BadRequest, "BadRequest")]
    [InlineData("""not json at all""", HttpStatusCode.BadRequest, "BadRequest")]
    [InlineData("""null""", HttpStatusCode.BadRequest, "BadRequest")]
    [InlineData("""{"key":"k"}""", HttpStatusCode.BadRequest, "BadRequest")]
    [InlineData("""{"grainType":"utility","key":"k","method":"Throw","arguments":["boom"],"timeoutMs":5000}""", HttpStatusCode.InternalServerError, "GrainFault")]
    public async Task BadMessagesGetAClearErrorAndTheSiloKeepsServing(string body, HttpStatusCode status, string kind)
    {
        await using var cluster = await Clusters.StartAsync(silos: 1, fileStorage: false, configure: o => o.MaxMessageBytes = MaxBytes);
        using var raw = new RawSiloClient(cluster.Silos[0].Address);

        var (actualStatus, response) = await raw.PostAsync("lens/call", body);

        Assert.True(actualStatus == status, $"expected HTTP {(int)status}, got {(int)actualStatus}: {response}");
        Assert.Equal(kind, KindOf(response));
        Assert.False(string.IsNullOrWhiteSpace(response.GetProperty("error").GetProperty("message").GetString()));
        await AssertServingAsync(cluster, raw);
    }

    [Fact]
    public async Task OversizedPayloadIsRejectedBeforeDispatchAndTheSiloKeepsServing()
    {
        await using var cluster = await Clusters.StartAsync(silos: 1, fileStorage: false, configure: o => o.MaxMessageBytes = MaxBytes);
        using var raw = new RawSiloClient(cluster.Silos[0].Address);
        var huge = new string('x', MaxBytes + 10);

        var (status, body) = await raw.PostAsync("lens/call", Call("utility", "big", "Echo", $"[\"{huge}\"]"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("PayloadTooLarge", KindOf(body));

        var (streamStatus, streamBody) = await raw.PostAsync("lens/stream", Call("utility", "big", "Count", $"[\"{huge}\"]"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, streamStatus);
        Assert.Equal("PayloadTooLarge", KindOf(streamBody));

        var viaProxy = await Assert.ThrowsAsync<GrainCallException>(() => cluster.Client.GetGrain<IUtilityGrain>("big").Echo(huge));
        Assert.Equal(GrainCallErrorKind.PayloadTooLarge, viaProxy.Kind);
        await AssertServingAsync(cluster, raw);
    }

    [Fact]
    public async Task GrainExceptionsReachTheCallerAsGrainFaultsWithTheirMessage()
    {
        await using var cluster = await Clusters.StartAsync(silos: 2, fileStorage: false);
        var fault = await Assert.ThrowsAsync<GrainCallException>(() => cluster.Client.GetGrain<IUtilityGrain>("thrower").Throw("bad things"));
        Assert.Equal(GrainCallErrorKind.GrainFault, fault.Kind);
        Assert.Equal(typeof(InvalidOperationException).FullName, fault.RemoteExceptionType);
        Assert.Contains("bad things", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaleMembershipRowAndRegistrationOfAVanishedSiloDoNotBreakCalls()
    {
        await using var cluster = await Clusters.StartAsync(silos: 2);
        var hourAgo = DateTimeOffset.UtcNow.AddHours(-1);
        var ghost = new SiloRow("127.0.0.1:1@1", "http://127.0.0.1:1/", SiloStatus.Active, hourAgo, hourAgo, [], []);
        var table = cluster.Storage.Membership;
        Assert.True(await table.InsertRowAsync(ghost, (await table.ReadAllAsync()).Version.Next()));
        var key = Clusters.Key("ghost");
        await cluster.Storage.Registrations.RegisterAsync(new GrainRegistration($"utility/{key}", ghost.SiloId, ghost.Address, "ghost-activation", null), null);

        await using var client = new Lens.Runtime.Client.ClusterClient(cluster.Storage);
        await client.ConnectAsync();
        Assert.DoesNotContain(client.Silos, s => s.SiloId == ghost.SiloId);
        Assert.Equal("hello", await client.GetGrain<IUtilityGrain>(key).Echo("hello"));
        var host = await client.GetGrain<IUtilityGrain>(key).SiloId();
        Assert.Contains(cluster.Silos, s => s.Id == host);

        await cluster.WaitUntilDeadAsync(ghost.SiloId, TimeSpan.FromSeconds(10));
        using var raw = new RawSiloClient(cluster.Silos[0].Address);
        await AssertServingAsync(cluster, raw);
    }

    private static async Task AssertServingAsync(Testing.TestCluster cluster, RawSiloClient raw)
    {
        Assert.Equal(HttpStatusCode.OK, await raw.PingAsync());
        var (status, body) = await raw.PostAsync("lens/call", Call("utility", "alive", "Echo", "[\"still here\"]"));
        for (var hop = 0; hop < 5 && body.TryGetProperty("redirect", out var redirect); hop++)
        {
            // The grain lives (or was placed) on another silo; a well-behaved peer follows the redirect.
            var address = redirect.GetString()!;
            using var there = new RawSiloClient(address);
            (status, body) = await there.PostAsync("lens/call", Call("utility", "alive", "Echo", "[\"still here\"]").Replace("}", $",\"placedOn\":\"{address}\"}}", StringComparison.Ordinal));
        }
        Assert.True(status == HttpStatusCode.OK, $"expected the silo to keep serving, got HTTP {(int)status}: {body}");
        Assert.Equal("still here", body.GetProperty("result").GetString());
        Assert.Equal("ok", await cluster.Client.GetGrain<IUtilityGrain>("alive").Echo("ok"));
    }
}
