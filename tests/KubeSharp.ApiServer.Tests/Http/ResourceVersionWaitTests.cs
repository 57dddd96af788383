using System.Net;
using System.Text.Json.Nodes;

namespace KubeSharp.ApiServer.Tests.Http;

/// <summary>Reads that name a resourceVersion the cache has not reached wait for it, within Kubernetes' limits.</summary>
public sealed class ResourceVersionWaitTests : IAsyncLifetime
{
    private const string ConfigMaps = "/api/v1/namespaces/default/configmaps";
    private InProcessServer _server = null!;

    public async Task InitializeAsync() => _server = await InProcessServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_list_at_a_resource_version_that_never_arrives_is_answered_504_too_large_resource_version_after_waiting()
    {
        var ahead = await CurrentRevisionAsync() + 1000;
        var (code, body) = await _server.SendAsync(HttpMethod.Get, $"{ConfigMaps}?resourceVersion={ahead}&resourceVersionMatch=NotOlderThan");

        Assert.Equal(HttpStatusCode.GatewayTimeout, code);
        Assert.Equal("Timeout", body["reason"]!.GetValue<string>());
        Assert.StartsWith($"Timeout: Too large resource version: {ahead}, current: ", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("ResourceVersionTooLarge", body["details"]!["causes"]![0]!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_list_at_a_resource_version_reached_only_after_seconds_answers_once_it_is_reached()
    {
        const int Writes = 20;
        var target = await CurrentRevisionAsync() + Writes;

        var waiting = _server.SendAsync(HttpMethod.Get, $"{ConfigMaps}?resourceVersion={target}&resourceVersionMatch=NotOlderThan");
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // longer than one of the cache's recheck intervals
        for (var i = 0; i < Writes; i++)
        {
            await _server.PostAsync(ConfigMaps, new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["metadata"] = new JsonObject { ["name"] = $"late-{i}" } });
        }

        var (code, body) = await waiting;

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.True(long.Parse(body["metadata"]!["resourceVersion"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) >= target);
    }

    private async Task<long> CurrentRevisionAsync()
    {
        var list = await _server.GetAsync(ConfigMaps);
        return long.Parse(list["metadata"]!["resourceVersion"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
