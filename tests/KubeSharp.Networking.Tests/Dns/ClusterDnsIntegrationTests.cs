using System.Net;
using System.Net.Sockets;
using KubeSharp.Api.Core.V1;
using KubeSharp.Api.Discovery.V1;
using KubeSharp.ApiServer;
using KubeSharp.ApiServer.Registry.Strategies;
using KubeSharp.Client;
using KubeSharp.Client.Configuration;
using KubeSharp.Networking.Dns;
using Microsoft.Extensions.Logging.Abstractions;
using DiscoveryEndpoint = KubeSharp.Api.Discovery.V1.Endpoint;

namespace KubeSharp.Networking.Tests.Dns;

/// <summary>Cluster DNS on a loopback port, fed by a real API server in this process, asked by python3.</summary>
public sealed class ClusterDnsIntegrationTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "kubesharp-dnstest-" + Guid.NewGuid().ToString("N"));
    private readonly CancellationTokenSource _stop = new();
    private ApiServerHost _host = null!;
    private KubernetesClient _client = null!;
    private ClusterDns _dns = null!;
    private int _port;

    public async Task InitializeAsync()
    {
        var options = new ApiServerOptions { DataDir = _dataDir, HttpsPort = FreeTcpPort(), BindAddress = IPAddress.Loopback };
        _host = new ApiServerHost(options, NullLoggerFactory.Instance);
        await _host.StartAsync(BuiltInStrategies.Create(), _ => { }, _stop.Token);
        _client = new KubernetesClient(KubernetesClientConfiguration.FromKubeConfig(options.KubeconfigPath));
        // No upstream servers: names outside the cluster get SERVFAIL rather than leaving the machine.
        var resolvConf = Path.Combine(_dataDir, "resolv.conf");
        await File.WriteAllTextAsync(resolvConf, "search example.test\n");
        _dns = new ClusterDns(_client, new ClusterDnsOptions
        {
            ClusterIP = ClusterDnsOptions.DefaultClusterIP(options.ServiceCidr),
            ListenAddresses = [IPAddress.Loopback],
            Port = 0,
            ResolvConfPath = resolvConf,
        }, NullLoggerFactory.Instance);
        await _dns.StartAsync(_stop.Token);
        _port = _dns.Endpoints[0].Port;
    }

    public async Task DisposeAsync()
    {
        await _dns.DisposeAsync();
        await _stop.CancelAsync();
        _client.Dispose();
        await _host.DisposeAsync();
        _stop.Dispose();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task A_created_service_resolves_and_a_deleted_one_goes_nxdomain()
    {
        var created = await _client.CreateAsync(new Service
        {
            Metadata = new() { Name = "redis-master", Namespace = "default" },
            Spec = new ServiceSpec { Selector = new() { ["app"] = "redis" }, Ports = [new ServicePort { Name = "redis", Port = 6379 }] },
        });
        var clusterIP = created.Spec!.ClusterIP!;

        var answer = await WaitForAsync("redis-master.default.svc.cluster.local", "A", lines => lines.Contains($"A {clusterIP}"));
        Assert.StartsWith("rcode=0 aa=1", answer[0], StringComparison.Ordinal);
        var overTcp = await PythonDnsQuery.AskAsync(_port, "redis-master.default.svc.cluster.local", "A", tcp: true);
        Assert.Contains($"A {clusterIP}", overTcp);
        var srv = await PythonDnsQuery.AskAsync(_port, "_redis._tcp.redis-master.default.svc.cluster.local", "SRV");
        Assert.Contains("SRV 0 100 6379 redis-master.default.svc.cluster.local", srv);

        await _client.DeleteAsync<Service>("redis-master", "default");

        var gone = await WaitForAsync("redis-master.default.svc.cluster.local", "A", lines => lines[0].StartsWith("rcode=3", StringComparison.Ordinal));
        Assert.Contains(gone, line => line.StartsWith("authority SOA", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_statefulset_style_pod_resolves_under_its_headless_service()
    {
        await _client.CreateAsync(new Service
        {
            Metadata = new() { Name = "web", Namespace = "default" },
            Spec = new ServiceSpec { ClusterIP = "None", Ports = [new ServicePort { Name = "http", Port = 80 }] },
        });
        await _client.CreateAsync(new EndpointSlice
        {
            Metadata = new() { Name = "web-x1", Namespace = "default", Labels = new() { [ClusterDnsCatalog.ServiceNameLabel] = "web" } },
            AddressType = "IPv4",
            Endpoints = [new DiscoveryEndpoint { Addresses = ["10.42.0.31"], Hostname = "web-0", Conditions = new EndpointConditions { Ready = true } }],
            Ports = [new() { Name = "http", Port = 80, Protocol = "TCP" }],
        });

        await WaitForAsync("web-0.web.default.svc.cluster.local", "A", lines => lines.Contains("A 10.42.0.31"));
        var service = await PythonDnsQuery.AskAsync(_port, "web.default.svc.cluster.local", "A");
        Assert.Contains("A 10.42.0.31", service);
        var reverse = await PythonDnsQuery.AskAsync(_port, "31.0.42.10.in-addr.arpa", "PTR");
        Assert.Contains("PTR web-0.web.default.svc.cluster.local", reverse);
    }

    [Fact]
    public async Task The_kube_dns_service_is_created_at_the_tenth_service_address_with_endpoints_at_the_server()
    {
        Service? service = null;
        await WaitUntilAsync(async () => (service = await _client.TryGetAsync<Service>("kube-dns", "kube-system")) is not null
            && await _client.TryGetAsync<EndpointSlice>("kube-dns", "kube-system") is not null);

        Assert.Equal("10.43.0.10", service!.Spec!.ClusterIP);
        Assert.Equal(["dns", "dns-tcp", "metrics"], service.Spec.Ports!.Select(p => p.Name));
        Assert.Equal("kube-dns", service.Metadata!.Labels!["k8s-app"]);
        var endpoints = await _client.GetAsync<Endpoints>("kube-dns", "kube-system");
        Assert.Equal("127.0.0.1", endpoints.Subsets![0].Addresses![0].Ip);
        Assert.Equal(_port, endpoints.Subsets[0].Ports![0].Port);
        var slice = await _client.GetAsync<EndpointSlice>("kube-dns", "kube-system");
        Assert.Equal(["127.0.0.1"], slice.Endpoints![0].Addresses!);
        await WaitForAsync("kube-dns.kube-system.svc.cluster.local", "A", lines => lines.Contains("A 10.43.0.10"));
    }

    [Fact]
    public async Task Names_outside_the_cluster_get_servfail_when_no_upstream_answers()
    {
        var answer = await PythonDnsQuery.AskAsync(_port, "example.com", "A");

        Assert.StartsWith("rcode=2", answer[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_schema_version_and_pod_names_answer_over_the_wire()
    {
        Assert.Contains("TXT 1.1.0", await PythonDnsQuery.AskAsync(_port, "dns-version.cluster.local", "TXT"));
        Assert.Contains("A 10.42.0.7", await PythonDnsQuery.AskAsync(_port, "10-42-0-7.default.pod.cluster.local", "A"));
    }

    private async Task<string[]> WaitForAsync(string name, string type, Func<string[], bool> condition)
    {
        string[] last = [];
        await WaitUntilAsync(async () => condition(last = await PythonDnsQuery.AskAsync(_port, name, type)));
        return last;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!await condition())
        {
            await Task.Delay(100, timeout.Token);
        }
    }

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
