using System.Net;
using System.Text.Json.Nodes;
using KubeSharp.ApiServer.Tests.Http;

namespace KubeSharp.ApiServer.Tests.Admission;

/// <summary>ResourceQuota admission against a real in-process server (no quota controller runs here).</summary>
public sealed class ResourceQuotaAdmissionTests : IAsyncLifetime
{
    private InProcessServer _server = null!;

    public async Task InitializeAsync() => _server = await InProcessServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Concurrent_creates_never_take_a_namespace_past_its_quota_and_other_namespaces_are_unaffected()
    {
        await _server.PostAsync("/api/v1/namespaces/default/resourcequotas", JsonNode.Parse("""{"metadata":{"name":"q"},"spec":{"hard":{"configmaps":"5"}}}""")!.AsObject());

        var attempts = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            _server.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", ListSnapshotTests.ConfigMap($"c{i}", "v"))));
        var other = await _server.SendAsync(HttpMethod.Post, "/api/v1/namespaces/kube-public/configmaps", ListSnapshotTests.ConfigMap("free", "v"));

        // The namespace's kube-root-ca.crt ConfigMap counts too: whatever it held, it now holds exactly the limit.
        Assert.Equal(5, (await _server.GetAsync("/api/v1/namespaces/default/configmaps"))["items"]!.AsArray().Count);
        var refused = attempts.Where(a => a.Code != HttpStatusCode.Created).ToList();
        Assert.All(refused, r => Assert.Equal(HttpStatusCode.Forbidden, r.Code));
        Assert.All(refused, r => Assert.EndsWith("is forbidden: exceeded quota: q, requested: configmaps=1, used: configmaps=5, limited: configmaps=5", r.Body["message"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Created, other.Code);
    }
}
