using System.Text.Json;
using KubeSharp.Node.Cni;

namespace KubeSharp.Node.Tests;

public sealed class CniNetworkTests
{
    [Fact]
    public void The_conflist_chains_bridge_with_host_local_then_portmap_then_loopback()
    {
        using var document = JsonDocument.Parse(new CniNetwork("node-b", "ksbr1", "10.244.1.0/24").Render());
        var root = document.RootElement;

        Assert.Equal("1.0.0", root.GetProperty("cniVersion").GetString());
        Assert.Equal("node-b", root.GetProperty("name").GetString());
        var plugins = root.GetProperty("plugins").EnumerateArray().ToList();
        Assert.Equal(["bridge", "portmap", "loopback"], plugins.Select(p => p.GetProperty("type").GetString()));
        var bridge = plugins[0];
        Assert.Equal("ksbr1", bridge.GetProperty("bridge").GetString());
        Assert.True(bridge.GetProperty("isGateway").GetBoolean());
        Assert.True(bridge.GetProperty("ipMasq").GetBoolean());
        Assert.True(bridge.GetProperty("hairpinMode").GetBoolean());
        var ipam = bridge.GetProperty("ipam");
        Assert.Equal("host-local", ipam.GetProperty("type").GetString());
        Assert.Equal("10.244.1.0/24", ipam.GetProperty("ranges")[0][0].GetProperty("subnet").GetString());
        Assert.True(plugins[1].GetProperty("capabilities").GetProperty("portMappings").GetBoolean());
    }

    [Fact]
    public async Task Writing_puts_one_conflist_named_after_the_network_into_the_directory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "cni-test-" + Guid.NewGuid().ToString("N"));
        try
        {
            var path = await new CniNetwork("node-c", "ksbr2", "10.244.2.0/24").WriteAsync(directory);

            Assert.Equal(Path.Combine(directory, "10-node-c.conflist"), path);
            Assert.Equal([path], Directory.GetFiles(directory));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData("n", "a-bridge-name-too-long", "10.0.0.0/24")]
    [InlineData("n", "br0", "not-a-cidr")]
    [InlineData("a/b", "br0", "10.0.0.0/24")]
    public void Invalid_names_and_subnets_are_rejected(string network, string bridge, string cidr) =>
        Assert.Throws<ArgumentException>(() => new CniNetwork(network, bridge, cidr).Render());

    [Fact]
    public void Host_local_leases_live_under_the_network_name() =>
        Assert.Equal("/var/lib/cni/networks/node-d", new CniNetwork("node-d", "ksbr3", "10.244.3.0/24").LeaseDirectory);
}
