using System.Net;
using KubeSharp.Api.Core.V1;
using KubeSharp.Api.Discovery.V1;
using KubeSharp.Networking.Dns;
using DiscoveryEndpoint = KubeSharp.Api.Discovery.V1.Endpoint;
using DiscoveryEndpointPort = KubeSharp.Api.Discovery.V1.EndpointPort;

namespace KubeSharp.Networking.Tests.Dns;

public class ClusterDnsZoneTests
{
    private readonly ClusterDnsCatalog _catalog = new();
    private readonly ClusterDnsZone _zone;

    public ClusterDnsZoneTests()
    {
        _zone = new ClusterDnsZone(_catalog, "cluster.local");
        _catalog.Upsert(ClusterIPService("default", "redis-master", "10.43.0.20", new ServicePort { Name = "redis", Port = 6379, Protocol = "TCP" }));
        _catalog.Upsert(HeadlessService("default", "web", new ServicePort { Name = "http", Port = 80, Protocol = "TCP" }));
        _catalog.Upsert(Slice("default", "web", "web-abc",
            [Ready("10.42.0.5", "web-0"), Ready("10.42.0.6", "web-1"), new DiscoveryEndpoint { Addresses = ["10.42.0.7"], Hostname = "web-2", Conditions = new EndpointConditions { Ready = false } }],
            new DiscoveryEndpointPort { Name = "http", Port = 8080, Protocol = "TCP" }));
        _catalog.Upsert(new Service
        {
            Metadata = new() { Name = "search", Namespace = "prod" },
            Spec = new ServiceSpec { Type = "ExternalName", ExternalName = "search.example.com" },
        });
    }

    [Fact]
    public void A_service_name_resolves_to_its_cluster_ip()
    {
        var answer = Ask("redis-master.default.svc.cluster.local", DnsType.A);

        Assert.Equal(DnsResponseCode.NoError, answer.Code);
        Assert.Equal([IPAddress.Parse("10.43.0.20")], Addresses(answer));
        Assert.Equal("redis-master.default.svc.cluster.local", answer.Answers[0].Name);
    }

    [Fact]
    public void Names_are_matched_case_insensitively()
    {
        Assert.Equal([IPAddress.Parse("10.43.0.20")], Addresses(Ask("Redis-Master.DEFAULT.svc.Cluster.Local.", DnsType.A)));
    }

    [Fact]
    public void A_headless_service_name_resolves_to_its_ready_endpoints()
    {
        var answer = Ask("web.default.svc.cluster.local", DnsType.A);

        Assert.Equal([IPAddress.Parse("10.42.0.5"), IPAddress.Parse("10.42.0.6")], Addresses(answer));
    }

    [Fact]
    public void A_headless_service_publishing_not_ready_addresses_includes_unready_endpoints()
    {
        var service = HeadlessService("default", "web", new ServicePort { Name = "http", Port = 80, Protocol = "TCP" });
        service.Spec!.PublishNotReadyAddresses = true;
        _catalog.Upsert(service);

        Assert.Equal(3, Addresses(Ask("web.default.svc.cluster.local", DnsType.A)).Count);
    }

    [Fact]
    public void A_statefulset_pod_resolves_by_hostname_under_its_headless_service()
    {
        Assert.Equal([IPAddress.Parse("10.42.0.6")], Addresses(Ask("web-1.web.default.svc.cluster.local", DnsType.A)));
        Assert.Equal(DnsResponseCode.NameError, Ask("web-2.web.default.svc.cluster.local", DnsType.A).Code);
        Assert.Equal(DnsResponseCode.NameError, Ask("web-9.web.default.svc.cluster.local", DnsType.A).Code);
    }

    [Fact]
    public void A_named_port_of_a_cluster_ip_service_has_an_srv_record_targeting_the_service()
    {
        var answer = Ask("_redis._tcp.redis-master.default.svc.cluster.local", DnsType.SRV);

        var srv = Assert.IsType<ServiceRecordData>(Assert.Single(answer.Answers).Data);
        Assert.Equal(6379, srv.Port);
        Assert.Equal("redis-master.default.svc.cluster.local.", srv.Target);
        Assert.Equal(IPAddress.Parse("10.43.0.20"), Assert.IsType<AddressRecordData>(Assert.Single(answer.Additional).Data).Address);
    }

    [Fact]
    public void A_named_port_of_a_headless_service_has_an_srv_record_per_ready_endpoint()
    {
        var answer = Ask("_http._tcp.web.default.svc.cluster.local", DnsType.SRV);

        var targets = answer.Answers.Select(r => Assert.IsType<ServiceRecordData>(r.Data)).ToList();
        Assert.Equal(["web-0.web.default.svc.cluster.local.", "web-1.web.default.svc.cluster.local."], targets.Select(t => t.Target).Order());
        Assert.All(targets, t => Assert.Equal(8080, t.Port));
        Assert.Equal(2, answer.Additional.Count);
    }

    [Fact]
    public void An_unknown_port_or_protocol_does_not_exist()
    {
        Assert.Equal(DnsResponseCode.NameError, Ask("_nope._tcp.redis-master.default.svc.cluster.local", DnsType.SRV).Code);
        Assert.Equal(DnsResponseCode.NameError, Ask("_redis._udp.redis-master.default.svc.cluster.local", DnsType.SRV).Code);
    }

    [Fact]
    public void An_external_name_service_is_a_cname()
    {
        var answer = Ask("search.prod.svc.cluster.local", DnsType.A);

        var record = Assert.Single(answer.Answers);
        Assert.Equal(DnsType.CNAME, record.Type);
        Assert.Equal("search.example.com.", Assert.IsType<NameRecordData>(record.Data).Target);
    }

    [Fact]
    public void A_cluster_ip_has_a_ptr_record_naming_its_service()
    {
        var answer = Ask("20.0.43.10.in-addr.arpa", DnsType.PTR);

        Assert.Equal("redis-master.default.svc.cluster.local.", Assert.IsType<NameRecordData>(Assert.Single(answer.Answers).Data).Target);
    }

    [Fact]
    public void A_headless_endpoint_address_has_a_ptr_record_naming_its_hostname()
    {
        var answer = Ask("5.0.42.10.in-addr.arpa", DnsType.PTR);

        Assert.Equal("web-0.web.default.svc.cluster.local.", Assert.IsType<NameRecordData>(Assert.Single(answer.Answers).Data).Target);
    }

    [Fact]
    public void A_reverse_name_of_an_unknown_address_is_not_the_zones_to_answer()
    {
        Assert.Null(Ask("1.1.168.192.in-addr.arpa", DnsType.PTR));
    }

    [Fact]
    public void A_pod_name_spells_its_address()
    {
        Assert.Equal([IPAddress.Parse("10.42.0.9")], Addresses(Ask("10-42-0-9.default.pod.cluster.local", DnsType.A)));
        Assert.Equal(DnsResponseCode.NameError, Ask("not-an-ip.default.pod.cluster.local", DnsType.A).Code);
    }

    [Fact]
    public void The_schema_version_is_published_as_txt()
    {
        var answer = Ask("dns-version.cluster.local", DnsType.TXT);

        Assert.Equal(["1.1.0"], Assert.IsType<TextRecordData>(Assert.Single(answer.Answers).Data).Strings);
    }

    [Fact]
    public void A_missing_name_in_the_zone_is_nxdomain_with_the_soa_as_authority()
    {
        var answer = Ask("nope.default.svc.cluster.local", DnsType.A);

        Assert.Equal(DnsResponseCode.NameError, answer.Code);
        Assert.Empty(answer.Answers);
        Assert.Equal(DnsType.SOA, Assert.Single(answer.Authority).Type);
        Assert.Equal(DnsResponseCode.NameError, Ask("something.cluster.local", DnsType.A).Code);
    }

    [Fact]
    public void An_existing_name_without_records_of_the_type_is_nodata()
    {
        var answer = Ask("redis-master.default.svc.cluster.local", DnsType.AAAA);

        Assert.Equal(DnsResponseCode.NoError, answer.Code);
        Assert.Empty(answer.Answers);
        Assert.Equal(DnsType.SOA, Assert.Single(answer.Authority).Type);
        Assert.Equal(DnsResponseCode.NoError, Ask("default.svc.cluster.local", DnsType.A).Code);
        Assert.Equal(DnsResponseCode.NoError, Ask("svc.cluster.local", DnsType.A).Code);
    }

    [Fact]
    public void The_zone_apex_answers_soa()
    {
        Assert.Equal(DnsType.SOA, Assert.Single(Ask("cluster.local", DnsType.SOA).Answers).Type);
    }

    [Fact]
    public void A_deleted_service_no_longer_resolves()
    {
        _catalog.Remove(ClusterIPService("default", "redis-master", "10.43.0.20"));

        Assert.Equal(DnsResponseCode.NameError, Ask("redis-master.default.svc.cluster.local", DnsType.A).Code);
    }

    [Fact]
    public void Names_outside_the_cluster_domain_are_not_the_zones_to_answer()
    {
        Assert.Null(Ask("example.com", DnsType.A));
        Assert.Null(Ask("notcluster.local", DnsType.A));
    }

    [Fact]
    public void Another_cluster_domain_is_honoured()
    {
        var zone = new ClusterDnsZone(_catalog, "k8s.test.");

        Assert.Equal([IPAddress.Parse("10.43.0.20")], Addresses(zone.Answer(new DnsQuestion("redis-master.default.svc.k8s.test", DnsType.A))!));
        Assert.Null(zone.Answer(new DnsQuestion("redis-master.default.svc.cluster.local", DnsType.A)));
    }

    private ZoneAnswer Ask(string name, DnsType type) => _zone.Answer(new DnsQuestion(name, type))!;

    private static List<IPAddress> Addresses(ZoneAnswer answer) =>
        [.. answer.Answers.Select(r => Assert.IsType<AddressRecordData>(r.Data).Address)];

    private static Service ClusterIPService(string ns, string name, string ip, params ServicePort[] ports) => new()
    {
        Metadata = new() { Name = name, Namespace = ns },
        Spec = new ServiceSpec { Type = "ClusterIP", ClusterIP = ip, ClusterIPs = [ip], Ports = [.. ports] },
    };

    private static Service HeadlessService(string ns, string name, params ServicePort[] ports) => new()
    {
        Metadata = new() { Name = name, Namespace = ns },
        Spec = new ServiceSpec { Type = "ClusterIP", ClusterIP = "None", ClusterIPs = ["None"], Ports = [.. ports] },
    };

    private static DiscoveryEndpoint Ready(string ip, string hostname) =>
        new() { Addresses = [ip], Hostname = hostname, Conditions = new EndpointConditions { Ready = true } };

    private static EndpointSlice Slice(string ns, string service, string name, List<DiscoveryEndpoint> endpoints, params DiscoveryEndpointPort[] ports) => new()
    {
        Metadata = new() { Name = name, Namespace = ns, Labels = new() { [ClusterDnsCatalog.ServiceNameLabel] = service } },
        AddressType = "IPv4",
        Endpoints = endpoints,
        Ports = [.. ports],
    };
}
