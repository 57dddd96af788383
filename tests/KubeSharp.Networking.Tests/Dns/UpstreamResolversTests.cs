using System.Net;
using KubeSharp.Networking.Dns;

namespace KubeSharp.Networking.Tests.Dns;

public sealed class UpstreamResolversTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "kubesharp-resolv-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void The_name_servers_of_resolv_conf_are_read_in_order_without_our_own_endpoint()
    {
        File.WriteAllText(_path, "# comment\nsearch example.test\nnameserver 192.0.2.53\nnameserver  10.0.0.2\nnameserver fe80::1%eth0\nnameserver 192.0.2.53\noptions ndots:2\n");

        var servers = UpstreamResolvers.FromResolvConf(_path, [new IPEndPoint(IPAddress.Parse("10.0.0.2"), 53)]);

        Assert.Equal([new IPEndPoint(IPAddress.Parse("192.0.2.53"), 53), new IPEndPoint(IPAddress.Parse("fe80::1"), 53)], servers);
    }

    [Fact]
    public void A_missing_resolv_conf_means_no_upstream()
    {
        Assert.Empty(UpstreamResolvers.FromResolvConf(_path, []));
    }

    [Fact]
    public void The_cluster_dns_address_is_the_tenth_of_the_service_range()
    {
        Assert.Equal(IPAddress.Parse("10.43.0.10"), ClusterDnsOptions.DefaultClusterIP("10.43.0.0/16"));
        Assert.Equal(IPAddress.Parse("10.96.0.10"), ClusterDnsOptions.DefaultClusterIP("10.96.0.0/12"));
    }
}
