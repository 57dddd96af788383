using KubeSharp.Api.Core.V1;
using KubeSharp.Api.Discovery.V1;
using KubeSharp.Api;
using KubeSharp.Networking.Proxy;
using EndpointPort = KubeSharp.Api.Discovery.V1.EndpointPort;

namespace KubeSharp.Networking.Tests;

/// <summary>The pure part of the service proxy: Services and EndpointSlices in, an nft script out.</summary>
public sealed class NftablesRulesetTests
{
    private const string Node = "node-a";

    [Fact]
    public void A_cluster_ip_with_two_ready_endpoints_picks_one_at_random_and_dnats_to_it()
    {
        var script = Render([Web()], [Slice("web", ("10.42.0.5", true, Node), ("10.42.1.7", true, "node-b"))]);

        Assert.Contains("10.43.0.10 . tcp . 80 : goto service-", script, StringComparison.Ordinal);
        Assert.Contains("numgen random mod 2 vmap { 0 : goto endpoint-", script, StringComparison.Ordinal);
        Assert.Contains("meta l4proto tcp dnat to 10.42.0.5:8080", script, StringComparison.Ordinal);
        Assert.Contains("meta l4proto tcp dnat to 10.42.1.7:8080", script, StringComparison.Ordinal);
        Assert.Contains("ip saddr 10.42.0.5 jump mark-for-masquerade", script, StringComparison.Ordinal);
        Assert.Contains("ip daddr 10.43.0.10 tcp dport 80 ip saddr != 10.42.0.0/16 jump mark-for-masquerade", script, StringComparison.Ordinal);
    }

    [Fact]
    public void The_script_replaces_only_its_own_table_in_one_transaction()
    {
        var script = Render([Web()], []);

        Assert.StartsWith("add table ip kstest\ndelete table ip kstest\ntable ip kstest {\n", script, StringComparison.Ordinal);
        Assert.DoesNotContain("flush ruleset", script, StringComparison.Ordinal);
        Assert.Equal("add table ip kstest\ndelete table ip kstest\n", NftablesRuleset.RenderDelete("kstest"));
    }

    [Fact]
    public void A_cluster_ip_without_endpoints_is_rejected_instead_of_dnatted()
    {
        var script = Render([Web()], [Slice("web", ("10.42.0.5", false, Node))]);

        Assert.Contains("10.43.0.10 . tcp . 80 : goto reject-chain", script, StringComparison.Ordinal);
        Assert.DoesNotContain("dnat to", script, StringComparison.Ordinal);
    }

    [Fact]
    public void Terminating_serving_endpoints_are_used_only_when_no_endpoint_is_ready()
    {
        var terminatingOnly = Render([Web()], [Slice("web", ("10.42.0.5", false, Node, true))]);
        var withReady = Render([Web()], [Slice("web", ("10.42.0.5", false, Node, true), ("10.42.0.6", true, Node, false))]);

        Assert.Contains("dnat to 10.42.0.5:8080", terminatingOnly, StringComparison.Ordinal);
        Assert.DoesNotContain("dnat to 10.42.0.5:8080", withReady, StringComparison.Ordinal);
        Assert.Contains("numgen random mod 1 vmap { 0 : goto endpoint-", withReady, StringComparison.Ordinal);
    }

    [Fact]
    public void A_node_port_answers_on_local_addresses_and_masquerades_external_clients()
    {
        var service = Web();
        service.Spec!.Type = "NodePort";
        service.Spec.Ports![0].NodePort = 30080;
        var script = Render([service], [Slice("web", ("10.42.0.5", true, Node))]);

        Assert.Contains("tcp . 30080 : goto external-", script, StringComparison.Ordinal);
        Assert.Contains("fib daddr type local meta l4proto . th dport vmap @service-nodeports", script, StringComparison.Ordinal);
        Assert.Contains("jump mark-for-masquerade\n\t\tnumgen random mod 1", script, StringComparison.Ordinal);
        Assert.Contains("masquerade fully-random", script, StringComparison.Ordinal);
    }

    [Fact]
    public void ExternalTrafficPolicy_Local_keeps_external_clients_on_local_endpoints_and_drops_them_without_any()
    {
        var service = Web();
        service.Spec!.Type = "NodePort";
        service.Spec.ExternalTrafficPolicy = "Local";
        service.Spec.Ports![0].NodePort = 30080;

        var local = Render([service], [Slice("web", ("10.42.0.5", true, Node), ("10.42.1.7", true, "node-b"))]);
        var remoteOnly = Render([service], [Slice("web", ("10.42.1.7", true, "node-b"))]);

        Assert.Contains("ip saddr 10.42.0.0/16 goto service-", local, StringComparison.Ordinal);
        Assert.Contains("fib saddr type local jump mark-for-masquerade", local, StringComparison.Ordinal);
        Assert.Contains("goto local-", local, StringComparison.Ordinal);
        Assert.Contains("tcp . 30080 : drop", remoteOnly, StringComparison.Ordinal);
    }

    [Fact]
    public void InternalTrafficPolicy_Local_sends_cluster_ip_traffic_only_to_this_nodes_endpoints()
    {
        var service = Web();
        service.Spec!.InternalTrafficPolicy = "Local";

        var script = Render([service], [Slice("web", ("10.42.0.5", true, Node), ("10.42.1.7", true, "node-b"))]);

        Assert.Contains("dnat to 10.42.0.5:8080", script, StringComparison.Ordinal);
        Assert.DoesNotContain("10.42.1.7", script, StringComparison.Ordinal);
    }

    [Fact]
    public void ClientIP_affinity_remembers_each_client_per_endpoint_for_the_timeout()
    {
        var service = Web();
        service.Spec!.SessionAffinity = "ClientIP";
        service.Spec.SessionAffinityConfig = new SessionAffinityConfig { ClientIP = new ClientIPConfig { TimeoutSeconds = 60 } };

        var script = Render([service], [Slice("web", ("10.42.0.5", true, Node))]);

        Assert.Contains("flags dynamic,timeout\n\t\ttimeout 60s", script, StringComparison.Ordinal);
        Assert.Matches(@"ip saddr @affinity-\w+-default/web/tcp/http__10\.42\.0\.5/8080 goto endpoint-", script);
        Assert.Matches(@"update @affinity-\w+-default/web/tcp/http__10\.42\.0\.5/8080 \{ ip saddr \}", script);
    }

    [Fact]
    public void External_ips_and_a_serviceLB_style_load_balancer_are_served_on_their_addresses()
    {
        var service = Web();
        service.Spec!.Type = "LoadBalancer";
        service.Spec.Ports![0].NodePort = 30080;
        service.Spec.ExternalIPs = ["192.0.2.50"];

        var script = Render([service], [Slice("web", ("10.42.0.5", true, Node))]);

        Assert.Contains("192.0.2.50 . tcp . 80 : goto external-", script, StringComparison.Ordinal);
        Assert.Contains("192.0.2.2 . tcp . 80 : goto external-", script, StringComparison.Ordinal);
        Assert.Contains("tcp . 30080 : goto external-", script, StringComparison.Ordinal);
    }

    [Fact]
    public void Headless_and_ExternalName_services_and_IPv6_endpoints_produce_no_rules()
    {
        var headless = Web("headless");
        headless.Spec!.ClusterIP = "None";
        var external = Web("ext");
        external.Spec!.Type = "ExternalName";
        var slice = Slice("web", ("fd00::5", true, Node));
        slice.AddressType = "IPv6";

        var ports = ServicePortTable.Build([headless, external, Web()], [slice], Node, ["192.0.2.2"]);

        var port = Assert.Single(ports);
        Assert.Equal("default/web/tcp/http", port.Name);
        Assert.Empty(port.Endpoints);
    }

    [Fact]
    public void Endpoint_ports_are_matched_by_service_port_name()
    {
        var service = Web();
        service.Spec!.Ports!.Add(new ServicePort { Name = "metrics", Port = 9090, Protocol = "TCP" });
        var slice = Slice("web", ("10.42.0.5", true, Node));
        slice.Ports!.Add(new EndpointPort { Name = "metrics", Port = 9100, Protocol = "TCP" });

        var ports = ServicePortTable.Build([service], [slice], Node, []);

        Assert.Equal([("default/web/tcp/http", 8080), ("default/web/tcp/metrics", 9100)], ports.Select(p => (p.Name, p.Endpoints.Single().Port)));
    }

    [RootFact]
    public async Task Nft_accepts_the_generated_script()
    {
        var service = Web();
        service.Spec!.Type = "LoadBalancer";
        service.Spec.Ports![0].NodePort = 30080;
        service.Spec.ExternalTrafficPolicy = "Local";
        service.Spec.SessionAffinity = "ClientIP";
        var unnamed = Web("plain");
        unnamed.Spec!.ClusterIP = "10.43.0.11";
        unnamed.Spec.Ports![0].Name = null;
        var plain = Slice("plain", ("10.42.0.9", true, Node));
        plain.Ports![0].Name = "";
        var script = Render([service, unnamed, Web("empty")], [Slice("web", ("10.42.0.5", true, Node), ("10.42.1.7", true, "node-b")), plain]);

        var table = "kscheck" + Guid.NewGuid().ToString("N")[..8];
        var nft = new System.Diagnostics.ProcessStartInfo("nft", ["-c", "-f", "-"]) { RedirectStandardInput = true, RedirectStandardError = true };
        using var process = System.Diagnostics.Process.Start(nft)!;
        await process.StandardInput.WriteAsync(script.Replace("kstest", table, StringComparison.Ordinal));
        process.StandardInput.Close();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, errors + "\n" + script);
    }

    private static string Render(List<Service> services, List<EndpointSlice> slices) =>
        NftablesRuleset.Render(ServicePortTable.Build(services, slices, Node, ["192.0.2.2"]), new RulesetOptions("kstest", "10.42.0.0/16"));

    private static Service Web(string name = "web") => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "default" },
        Spec = new ServiceSpec
        {
            Type = "ClusterIP",
            ClusterIP = "10.43.0.10",
            Ports = [new ServicePort { Name = "http", Port = 80, Protocol = "TCP", TargetPort = IntOrString.FromInt(8080) }],
        },
    };

    private static EndpointSlice Slice(string service, params (string IP, bool Ready, string Node, bool Terminating)[] endpoints) => new()
    {
        Metadata = new ObjectMeta { Name = service + "-abc", Namespace = "default", Labels = new() { [ServicePortTable.ServiceNameLabel] = service } },
        AddressType = "IPv4",
        Ports = [new EndpointPort { Name = "http", Port = 8080, Protocol = "TCP" }],
        Endpoints = endpoints.Select(e => new Endpoint
        {
            Addresses = [e.IP],
            NodeName = e.Node,
            Conditions = new EndpointConditions { Ready = e.Ready, Serving = e.Ready || e.Terminating, Terminating = e.Terminating },
        }).ToList(),
    };

    private static EndpointSlice Slice(string service, params (string IP, bool Ready, string Node)[] endpoints) =>
        Slice(service, endpoints.Select(e => (e.IP, e.Ready, e.Node, false)).ToArray());
}

/// <summary>A fact that needs root (nft talks netlink).</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (Environment.UserName != "root")
        {
            Skip = "needs root";
        }
    }
}
