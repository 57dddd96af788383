using System.Net;
using System.Text.Json.Nodes;

namespace KubeSharp.ApiServer.Tests.Http;

/// <summary>Updates through the registry: what is stored, and when nothing is.</summary>
public sealed class UpdateTests : IAsyncLifetime
{
    private const string ConfigMaps = "/api/v1/namespaces/default/configmaps";

    private InProcessServer _server = null!;

    public async Task InitializeAsync() => _server = await InProcessServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task An_update_that_changes_nothing_is_not_written()
    {
        var created = await _server.PostAsync(ConfigMaps, ListSnapshotTests.ConfigMap("same", "v1"));

        var (code, updated) = await _server.SendAsync(HttpMethod.Put, $"{ConfigMaps}/same", ListSnapshotTests.ConfigMap("same", "v1"));

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal(created["metadata"]!["resourceVersion"]!.GetValue<string>(), updated["metadata"]!["resourceVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_update_is_stored_with_its_manager_and_read_back_as_stored()
    {
        await _server.PostAsync(ConfigMaps, ListSnapshotTests.ConfigMap("changed", "v1"));

        var (code, updated) = await _server.SendAsync(HttpMethod.Put, $"{ConfigMaps}/changed?fieldManager=editor", ListSnapshotTests.ConfigMap("changed", "v2"));
        var read = await _server.GetAsync($"{ConfigMaps}/changed");

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal("v2", read["data"]!["value"]!.GetValue<string>());
        Assert.Contains(read["metadata"]!["managedFields"]!.AsArray(), e => e!["manager"]!.GetValue<string>() == "editor");
        Assert.True(JsonNode.DeepEquals(updated, read));
    }

    [Fact]
    public async Task A_dry_run_update_answers_the_object_with_its_manager_without_storing_it()
    {
        var created = await _server.PostAsync(ConfigMaps, ListSnapshotTests.ConfigMap("dry", "v1"));

        var (code, answer) = await _server.SendAsync(HttpMethod.Put, $"{ConfigMaps}/dry?dryRun=All&fieldManager=planner", ListSnapshotTests.ConfigMap("dry", "v2"));
        var read = await _server.GetAsync($"{ConfigMaps}/dry");

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal("v2", answer["data"]!["value"]!.GetValue<string>());
        Assert.Contains(answer["metadata"]!["managedFields"]!.AsArray(), e => e!["manager"]!.GetValue<string>() == "planner");
        Assert.Equal("v1", read["data"]!["value"]!.GetValue<string>());
        Assert.Equal(created["metadata"]!["resourceVersion"]!.GetValue<string>(), read["metadata"]!["resourceVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_status_update_changes_only_the_status_and_records_its_manager_for_the_status_subresource()
    {
        const string Namespaces = "/api/v1/namespaces";
        await _server.PostAsync(Namespaces, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "status-only", ["labels"] = new JsonObject { ["a"] = "1" } } });
        var sent = await _server.GetAsync($"{Namespaces}/status-only");
        sent["metadata"]!["labels"]!["a"] = "2";
        sent["status"] = new JsonObject { ["phase"] = "Terminating" };

        var (code, updated) = await _server.SendAsync(HttpMethod.Put, $"{Namespaces}/status-only/status?fieldManager=phase-writer", sent);
        var read = await _server.GetAsync($"{Namespaces}/status-only");

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal("Terminating", read["status"]!["phase"]!.GetValue<string>());
        Assert.Equal("1", read["metadata"]!["labels"]!["a"]!.GetValue<string>());
        var entry = read["metadata"]!["managedFields"]!.AsArray().Single(e => e!["manager"]!.GetValue<string>() == "phase-writer")!;
        Assert.Equal("status", entry["subresource"]!.GetValue<string>());
        Assert.Equal("""{"f:status":{"f:phase":{}}}""", entry["fieldsV1"]!.ToJsonString());
        Assert.True(JsonNode.DeepEquals(updated, read));
    }
}
