using System.Net;
using System.Text.Json.Nodes;

namespace KubeSharp.ApiServer.Tests.Http;

/// <summary>Paged and Exact lists read one snapshot of the store, as etcd-backed Kubernetes does.</summary>
public sealed class ListSnapshotTests : IAsyncLifetime
{
    private const string ConfigMaps = "/api/v1/namespaces/default/configmaps";
    private const string Selected = "labelSelector=suite%3Dpaging";
    private const string ExpiredMessage = "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.";

    private InProcessServer _server = null!;

    public async Task InitializeAsync() => _server = await InProcessServer.StartAsync(watchHistoryCapacity: 200);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Later_pages_of_a_paged_list_show_the_objects_as_they_were_when_the_first_page_was_served()
    {
        foreach (var name in new[] { "a", "b", "c", "d" })
        {
            await CreateAsync(name, "v1");
        }

        var first = await _server.GetAsync($"{ConfigMaps}?{Selected}&limit=2");
        await _server.SendAsync(HttpMethod.Delete, $"{ConfigMaps}/c");
        await _server.SendAsync(HttpMethod.Put, $"{ConfigMaps}/d", ConfigMap("d", "v2"));
        await CreateAsync("e", "v1");

        var second = await _server.GetAsync($"{ConfigMaps}?{Selected}&limit=2&continue={Uri.EscapeDataString(ContinueOf(first))}");

        Assert.Equal(["a", "b"], Names(first));
        Assert.Equal(["c", "d"], Names(second));
        Assert.Equal("v1", second["items"]![1]!["data"]!["value"]!.GetValue<string>());
        Assert.Equal(first["metadata"]!["resourceVersion"]!.GetValue<string>(), second["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.Null(second["metadata"]!["continue"]);
    }

    [Fact]
    public async Task A_continue_token_older_than_the_watch_history_is_expired_and_answered_with_an_inconsistent_token()
    {
        foreach (var name in new[] { "a", "b", "c" })
        {
            await CreateAsync(name, "v1");
        }

        var first = await _server.GetAsync($"{ConfigMaps}?{Selected}&limit=1");
        for (var i = 0; i < 210; i++)
        {
            await _server.SendAsync(HttpMethod.Put, $"{ConfigMaps}/c", ConfigMap("c", $"v{i + 2}"));
        }

        var (code, status) = await _server.SendAsync(HttpMethod.Get, $"{ConfigMaps}?{Selected}&limit=1&continue={Uri.EscapeDataString(ContinueOf(first))}");

        Assert.Equal(HttpStatusCode.Gone, code);
        Assert.Equal(("Expired", ExpiredMessage), (status["reason"]!.GetValue<string>(), status["message"]!.GetValue<string>()));
        var inconsistent = ContinueOf(status);
        var rest = await _server.GetAsync($"{ConfigMaps}?{Selected}&continue={Uri.EscapeDataString(inconsistent)}");
        Assert.Equal(["b", "c"], Names(rest));
        Assert.Equal("v211", rest["items"]![1]!["data"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_exact_list_shows_the_objects_at_the_requested_resource_version()
    {
        await CreateAsync("a", "v1");
        var before = await _server.GetAsync($"{ConfigMaps}?{Selected}");
        var revision = before["metadata"]!["resourceVersion"]!.GetValue<string>();
        await CreateAsync("b", "v1");
        await _server.SendAsync(HttpMethod.Put, $"{ConfigMaps}/a", ConfigMap("a", "v2"));

        var exact = await _server.GetAsync($"{ConfigMaps}?{Selected}&resourceVersion={revision}&resourceVersionMatch=Exact");

        Assert.Equal(["a"], Names(exact));
        Assert.Equal("v1", exact["items"]![0]!["data"]!["value"]!.GetValue<string>());
        Assert.Equal(revision, exact["metadata"]!["resourceVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_list_with_resource_version_match_and_continue_is_invalid()
    {
        await CreateAsync("a", "v1");
        await CreateAsync("b", "v1");
        var first = await _server.GetAsync($"{ConfigMaps}?{Selected}&limit=1");

        var (code, status) = await _server.SendAsync(HttpMethod.Get, $"{ConfigMaps}?limit=1&resourceVersion=1&resourceVersionMatch=NotOlderThan&continue={Uri.EscapeDataString(ContinueOf(first))}");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Equal("ListOptions.meta.k8s.io \"\" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden when continue is provided", status["message"]!.GetValue<string>());
    }

    private Task<JsonObject> CreateAsync(string name, string value) => _server.PostAsync(ConfigMaps, ConfigMap(name, value));

    internal static JsonObject ConfigMap(string name, string value) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["suite"] = "paging" } },
        ["data"] = new JsonObject { ["value"] = value },
    };

    private static string ContinueOf(JsonObject answer) => answer["metadata"]!["continue"]!.GetValue<string>();

    internal static string[] Names(JsonObject list) => [.. list["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>())];
}
