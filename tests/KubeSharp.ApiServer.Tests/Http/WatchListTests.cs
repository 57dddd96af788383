using System.Net;

namespace KubeSharp.ApiServer.Tests.Http;

/// <summary>Watch lists (sendInitialEvents=true): the current state as ADDED events, a bookmark marking its end, then changes.</summary>
public sealed class WatchListTests : IAsyncLifetime
{
    private const string ConfigMaps = "/api/v1/namespaces/default/configmaps";

    private InProcessServer _server = null!;

    public async Task InitializeAsync() => _server = await InProcessServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_watch_list_sends_the_current_objects_then_a_bookmark_marking_the_end_of_the_initial_events()
    {
        await _server.PostAsync(ConfigMaps, ListSnapshotTests.ConfigMap("a", "v1"));
        var b = await _server.PostAsync(ConfigMaps, ListSnapshotTests.ConfigMap("b", "v1"));

        using var watch = await _server.WatchAsync($"{ConfigMaps}?watch=true&labelSelector=suite%3Dpaging&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true");
        var first = await watch.NextAsync();
        var second = await watch.NextAsync();
        var bookmark = await watch.NextAsync();
        await _server.PostAsync(ConfigMaps, ListSnapshotTests.ConfigMap("c", "v1"));
        var live = await watch.NextAsync();

        Assert.Equal(("ADDED", "a"), (first["type"]!.GetValue<string>(), first["object"]!["metadata"]!["name"]!.GetValue<string>()));
        Assert.Equal(("ADDED", "b"), (second["type"]!.GetValue<string>(), second["object"]!["metadata"]!["name"]!.GetValue<string>()));
        Assert.Equal("BOOKMARK", bookmark["type"]!.GetValue<string>());
        Assert.Equal("true", bookmark["object"]!["metadata"]!["annotations"]!["k8s.io/initial-events-end"]!.GetValue<string>());
        Assert.True(long.Parse(bookmark["object"]!["metadata"]!["resourceVersion"]!.GetValue<string>()) >= long.Parse(b["metadata"]!["resourceVersion"]!.GetValue<string>()));
        Assert.Equal(("ADDED", "c"), (live["type"]!.GetValue<string>(), live["object"]!["metadata"]!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_watch_list_of_nothing_sends_only_the_bookmark()
    {
        using var watch = await _server.WatchAsync($"{ConfigMaps}?watch=true&labelSelector=suite%3Dnone&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true");

        var bookmark = await watch.NextAsync();

        Assert.Equal("BOOKMARK", bookmark["type"]!.GetValue<string>());
        Assert.Equal("true", bookmark["object"]!["metadata"]!["annotations"]!["k8s.io/initial-events-end"]!.GetValue<string>());
    }

    [Fact]
    public async Task Send_initial_events_without_resource_version_match_not_older_than_is_invalid()
    {
        var (code, status) = await _server.SendAsync(HttpMethod.Get, $"{ConfigMaps}?watch=true&sendInitialEvents=true&allowWatchBookmarks=true");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Equal("ListOptions.meta.k8s.io \"\" is invalid: resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan", status["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Send_initial_events_on_a_list_is_invalid()
    {
        var (code, status) = await _server.SendAsync(HttpMethod.Get, $"{ConfigMaps}?sendInitialEvents=true");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Equal("ListOptions.meta.k8s.io \"\" is invalid: sendInitialEvents: Forbidden: sendInitialEvents is forbidden for list", status["message"]!.GetValue<string>());
    }
}
