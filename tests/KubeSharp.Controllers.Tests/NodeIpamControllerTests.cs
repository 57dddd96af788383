using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.Client;
using static KubeSharp.Controllers.Tests.InProcessCluster;

namespace KubeSharp.Controllers.Tests;

/// <summary>Node IPAM against a real API server: every node gets its own range of the cluster CIDR.</summary>
public sealed class NodeIpamControllerTests : IAsyncLifetime
{
    private InProcessCluster _cluster = null!;

    private KubernetesClient Client => _cluster.Client;

    public async Task InitializeAsync() => _cluster = await StartAsync(clusterCidr: "10.99.0.0/16");

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private async Task<string> PodCidrAsync(string node)
    {
        var cidr = "";
        await WaitUntilAsync(async () => (cidr = (await Client.GetAsync<Node>(node)).Spec?.PodCIDR ?? "").Length > 0);
        return cidr;
    }

    [Fact]
    public async Task Nodes_get_distinct_ranges_and_a_preset_range_is_kept_and_not_given_again()
    {
        await Client.CreateAsync(new Node { Metadata = new ObjectMeta { Name = "preset" }, Spec = new NodeSpec { PodCIDR = "10.99.2.0/24" } });
        var first = await PodCidrAsync("node-1");
        await Client.CreateAsync(new Node { Metadata = new ObjectMeta { Name = "node-2" } });
        await Client.CreateAsync(new Node { Metadata = new ObjectMeta { Name = "node-3" } });
        var second = await PodCidrAsync("node-2");
        var third = await PodCidrAsync("node-3");
        var preset = await Client.GetAsync<Node>("preset");

        Assert.Equal(3, new[] { first, second, third }.Distinct().Count());
        Assert.DoesNotContain("10.99.2.0/24", new[] { first, second, third });
        Assert.All(new[] { first, second, third }, c => Assert.StartsWith("10.99.", c, StringComparison.Ordinal));
        Assert.Equal("10.99.2.0/24", preset.Spec!.PodCIDR);
        Assert.Equal(["10.99.2.0/24"], preset.Spec.PodCIDRs!);
        Assert.Equal([second], (await Client.GetAsync<Node>("node-2")).Spec!.PodCIDRs!);
    }

    [Fact]
    public async Task An_assigned_range_cannot_be_changed()
    {
        await PodCidrAsync("node-1");
        var node = await Client.GetAsync<Node>("node-1");
        node.Spec!.PodCIDR = "10.99.200.0/24";
        node.Spec.PodCIDRs = ["10.99.200.0/24"];

        var e = await Assert.ThrowsAsync<KubernetesApiException>(() => Client.UpdateAsync(node));

        Assert.Equal(422, (int)e.StatusCode);
        Assert.Contains("node updates may not change podCIDR except from \"\" to valid", e.Message, StringComparison.Ordinal);
    }
}
