using System.Text.Json.Nodes;
using KubeSharp.ApiServer.Lifecycle;
using Microsoft.Extensions.Logging.Abstractions;

namespace KubeSharp.ApiServer.Tests.Http;

/// <summary>Events are deleted once the event TTL has passed since they were last recorded.</summary>
public sealed class EventExpiryTests : IAsyncLifetime
{
    private InProcessServer _server = null!;

    public async Task InitializeAsync() => _server = await InProcessServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static JsonObject Event(string name, DateTimeOffset last) => JsonNode.Parse($$"""
        {"metadata":{"name":"{{name}}"},"involvedObject":{"kind":"Pod","name":"p","namespace":"default"},"reason":"Test","message":"m",
         "firstTimestamp":"{{last.AddMinutes(-30):yyyy-MM-ddTHH:mm:ssZ}}","lastTimestamp":"{{last:yyyy-MM-ddTHH:mm:ssZ}}","count":2}
        """)!.AsObject();

    [Fact]
    public async Task Events_last_recorded_longer_ago_than_the_ttl_are_deleted_and_newer_ones_kept()
    {
        var now = DateTimeOffset.UtcNow;
        await _server.PostAsync("/api/v1/namespaces/default/events", Event("stale", now.AddMinutes(-5)));
        await _server.PostAsync("/api/v1/namespaces/default/events", Event("recounted", now.AddMinutes(30)));

        // An hour and a minute later: "stale" was last recorded (and created) 61 minutes before, "recounted" 31.
        await new EventExpiry(_server.Store, TimeSpan.FromHours(1), NullLogger.Instance).PassAsync(now.AddMinutes(61), CancellationToken.None);

        var names = (await _server.GetAsync("/api/v1/namespaces/default/events"))["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal(["recounted"], names);
    }
}
