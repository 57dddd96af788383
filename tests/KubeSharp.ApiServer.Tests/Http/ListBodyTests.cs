using System.Net;
using System.Text.Json.Nodes;

namespace KubeSharp.ApiServer.Tests.Http;

/// <summary>
/// A JSON list is its envelope followed by each selected object's bytes exactly as a GET of that
/// object returns them, and a watch event line wraps the same bytes: the cache's JSON is sent as it is.
/// </summary>
public sealed class ListBodyTests : IAsyncLifetime
{
    private const string ConfigMaps = "/api/v1/namespaces/default/configmaps";

    private InProcessServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await InProcessServer.StartAsync();
        foreach (var (name, suite) in new[] { ("a", "body"), ("b", "other"), ("c", "body"), ("d", "body") })
        {
            var configMap = ListSnapshotTests.ConfigMap(name, $"value of {name} with \"quotes\" and <html> & ünïcode");
            configMap["metadata"]!["labels"]!["suite"] = suite;
            _ = await _server.PostAsync(ConfigMaps, configMap);
        }
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_selected_list_is_the_envelope_then_each_object_as_a_get_returns_it()
    {
        var body = await RawAsync($"{ConfigMaps}?labelSelector=suite%3Dbody");

        var revision = JsonNode.Parse(body)!["metadata"]!["resourceVersion"]!.GetValue<string>();
        var expected = "{\"kind\":\"ConfigMapList\",\"apiVersion\":\"v1\",\"metadata\":{\"resourceVersion\":\"" + revision + "\"},\"items\":["
            + string.Join(",", await ObjectsAsync("a", "c", "d")) + "]}";
        Assert.Equal(expected, body);
    }

    [Fact]
    public async Task A_list_from_the_cache_with_a_field_selector_is_the_envelope_then_the_matching_object()
    {
        var body = await RawAsync($"{ConfigMaps}?resourceVersion=0&fieldSelector=metadata.name%3Db");

        var revision = JsonNode.Parse(body)!["metadata"]!["resourceVersion"]!.GetValue<string>();
        Assert.Equal("{\"kind\":\"ConfigMapList\",\"apiVersion\":\"v1\",\"metadata\":{\"resourceVersion\":\"" + revision + "\"},\"items\":[" + (await ObjectsAsync("b"))[0] + "]}", body);
    }

    [Fact]
    public async Task A_first_page_carries_the_continue_token_and_the_count_of_the_remaining_matches_before_its_items()
    {
        var body = await RawAsync($"{ConfigMaps}?labelSelector=suite%3Dbody&limit=2");

        var metadata = JsonNode.Parse(body)!["metadata"]!;
        var expected = "{\"kind\":\"ConfigMapList\",\"apiVersion\":\"v1\",\"metadata\":{\"resourceVersion\":\"" + metadata["resourceVersion"]!.GetValue<string>()
            + "\",\"continue\":\"" + metadata["continue"]!.GetValue<string>() + "\",\"remainingItemCount\":1},\"items\":["
            + string.Join(",", await ObjectsAsync("a", "c")) + "]}";
        Assert.Equal(expected, body);
    }

    [Fact]
    public async Task An_empty_selection_is_an_envelope_with_an_empty_items_array()
    {
        var body = await RawAsync($"{ConfigMaps}?labelSelector=suite%3Dnone");

        var revision = JsonNode.Parse(body)!["metadata"]!["resourceVersion"]!.GetValue<string>();
        Assert.Equal("{\"kind\":\"ConfigMapList\",\"apiVersion\":\"v1\",\"metadata\":{\"resourceVersion\":\"" + revision + "\"},\"items\":[]}", body);
    }

    [Fact]
    public async Task A_table_list_still_has_one_row_per_selected_object()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{ConfigMaps}?labelSelector=suite%3Dbody");
        request.Headers.Accept.Clear();
        request.Headers.Accept.ParseAdd("application/json;as=Table;v=v1;g=meta.k8s.io");
        using var response = await _server.Http.SendAsync(request);
        var table = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Table", table["kind"]!.GetValue<string>());
        Assert.Equal(3, table["rows"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_watch_event_line_wraps_the_object_as_a_get_returns_it()
    {
        var list = await _server.GetAsync($"{ConfigMaps}?limit=1");
        var from = list["metadata"]!["resourceVersion"]!.GetValue<string>();
        using var response = await _server.Http.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"{ConfigMaps}?watch=true&resourceVersion={from}"), HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var configMap = ListSnapshotTests.ConfigMap("e", "watched");
        _ = await _server.PostAsync(ConfigMaps, configMap);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var line = await reader.ReadLineAsync(timeout.Token);

        Assert.Equal("{\"type\":\"ADDED\",\"object\":" + (await ObjectsAsync("e"))[0] + "}", line);
    }

    [Fact]
    public async Task A_namespace_list_holds_only_that_namespace_whatever_sorts_before_or_after_it()
    {
        // kube-node-lease sorts before kube-public and kube-system after it.
        foreach (var (ns, name) in new[] { ("kube-node-lease", "before"), ("kube-public", "one"), ("kube-public", "two"), ("kube-system", "after") })
        {
            var configMap = ListSnapshotTests.ConfigMap(name, ns);
            configMap["metadata"]!["labels"]!["suite"] = "scan";
            _ = await _server.PostAsync($"/api/v1/namespaces/{ns}/configmaps", configMap);
        }

        const string Public = "/api/v1/namespaces/kube-public/configmaps?labelSelector=suite%3Dscan";
        var whole = await _server.GetAsync(Public);
        var cached = await _server.GetAsync(Public + "&resourceVersion=0");
        var first = await _server.GetAsync(Public + "&limit=1");
        var second = await _server.GetAsync(Public + "&limit=1&continue=" + Uri.EscapeDataString(first["metadata"]!["continue"]!.GetValue<string>()));

        Assert.Equal(["one", "two"], ListSnapshotTests.Names(whole));
        Assert.Equal(["one", "two"], ListSnapshotTests.Names(cached));
        Assert.Equal(["one"], ListSnapshotTests.Names(first));
        Assert.Equal(1, first["metadata"]!["remainingItemCount"]!.GetValue<long>());
        Assert.Equal(["two"], ListSnapshotTests.Names(second));
        Assert.Null(second["metadata"]!["continue"]);
    }

    private async Task<string> RawAsync(string path)
    {
        using var response = await _server.Http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {response.StatusCode} {body}");
        return body;
    }

    private async Task<string[]> ObjectsAsync(params string[] names)
    {
        var objects = new string[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            objects[i] = await RawAsync($"{ConfigMaps}/{names[i]}");
        }

        return objects;
    }
}
