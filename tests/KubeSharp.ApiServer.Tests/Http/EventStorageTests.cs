using System.Text.Json.Nodes;

namespace KubeSharp.ApiServer.Tests.Http;

/// <summary>core/v1 and events.k8s.io/v1 Events are one resource: what is written through one API is read through the other.</summary>
public sealed class EventStorageTests : IAsyncLifetime
{
    private const string CoreEvents = "/api/v1/namespaces/default/events";
    private const string EventsV1 = "/apis/events.k8s.io/v1/namespaces/default/events";

    private InProcessServer _server = null!;

    public async Task InitializeAsync() => _server = await InProcessServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_core_event_is_listed_through_events_k8s_io_with_its_fields_converted()
    {
        await _server.PostAsync(CoreEvents, new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Event",
            ["metadata"] = new JsonObject { ["name"] = "web.1" },
            ["involvedObject"] = new JsonObject { ["kind"] = "Pod", ["namespace"] = "default", ["name"] = "web" },
            ["reason"] = "Scheduled",
            ["message"] = "Successfully assigned default/web to node-1",
            ["source"] = new JsonObject { ["component"] = "default-scheduler" },
            ["firstTimestamp"] = "2026-01-02T03:04:05Z",
            ["count"] = 3,
            ["type"] = "Normal",
            ["reportingComponent"] = "default-scheduler",
        });

        var list = await _server.GetAsync(EventsV1);

        var e = Assert.Single(list["items"]!.AsArray())!.AsObject();
        Assert.Equal(("events.k8s.io/v1", "Event"), (e["apiVersion"]!.GetValue<string>(), e["kind"]!.GetValue<string>()));
        Assert.Equal("Successfully assigned default/web to node-1", e["note"]!.GetValue<string>());
        Assert.Equal("web", e["regarding"]!["name"]!.GetValue<string>());
        Assert.Equal("default-scheduler", e["reportingController"]!.GetValue<string>());
        Assert.Equal("default-scheduler", e["deprecatedSource"]!["component"]!.GetValue<string>());
        Assert.Equal("2026-01-02T03:04:05Z", e["deprecatedFirstTimestamp"]!.GetValue<string>());
        Assert.Equal(3, e["deprecatedCount"]!.GetValue<int>());
        Assert.Null(e["message"]);
    }

    [Fact]
    public async Task An_events_k8s_io_event_is_read_through_core_v1_with_its_fields_converted()
    {
        await _server.PostAsync(EventsV1, EventsEvent("web.2", "web"));

        var e = await _server.GetAsync($"{CoreEvents}/web.2");

        Assert.Equal(("v1", "Event"), (e["apiVersion"]!.GetValue<string>(), e["kind"]!.GetValue<string>()));
        Assert.Equal("Pulled image", e["message"]!.GetValue<string>());
        Assert.Equal("web", e["involvedObject"]!["name"]!.GetValue<string>());
        Assert.Equal("kubelet", e["reportingComponent"]!.GetValue<string>());
        Assert.Equal("node-1", e["reportingInstance"]!.GetValue<string>());
        Assert.Null(e["note"]);
    }

    [Fact]
    public async Task A_watch_through_events_k8s_io_sees_events_created_through_core_v1()
    {
        using var watch = await _server.WatchAsync($"{EventsV1}?watch=true&fieldSelector=regarding.name%3Dapi");
        await _server.PostAsync(CoreEvents, new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "api.1" },
            ["involvedObject"] = new JsonObject { ["kind"] = "Pod", ["namespace"] = "default", ["name"] = "api" },
            ["reason"] = "Started",
            ["message"] = "Started container api",
        });

        var added = await watch.NextAsync();

        Assert.Equal("ADDED", added["type"]!.GetValue<string>());
        Assert.Equal("events.k8s.io/v1", added["object"]!["apiVersion"]!.GetValue<string>());
        Assert.Equal("Started container api", added["object"]!["note"]!.GetValue<string>());
    }

    private static JsonObject EventsEvent(string name, string regarding) => new()
    {
        ["apiVersion"] = "events.k8s.io/v1",
        ["kind"] = "Event",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["eventTime"] = "2026-01-02T03:04:05.000000Z",
        ["reportingController"] = "kubelet",
        ["reportingInstance"] = "node-1",
        ["action"] = "Pulling",
        ["reason"] = "Pulled",
        ["regarding"] = new JsonObject { ["kind"] = "Pod", ["namespace"] = "default", ["name"] = regarding },
        ["note"] = "Pulled image",
        ["type"] = "Normal",
    };
}
