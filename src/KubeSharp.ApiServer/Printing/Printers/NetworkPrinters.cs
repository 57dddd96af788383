using System.Globalization;
using KubeSharp.Api.Core.V1;
using KubeSharp.Api.Discovery.V1;
using KubeSharp.Api.Networking.V1;
using CoreEndpointPort = KubeSharp.Api.Core.V1.EndpointPort;
using SliceEndpointPort = KubeSharp.Api.Discovery.V1.EndpointPort;

namespace KubeSharp.ApiServer.Printing.Printers;

internal sealed class ServicePrinter : TypedTablePrinter<Service>
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        NameColumn,
        Column("Type", "string", "type determines how the Service is exposed. Defaults to ClusterIP. Valid options are ExternalName, ClusterIP, NodePort, and LoadBalancer."),
        Column("Cluster-IP", "string", "clusterIP is the IP address of the service and is usually assigned randomly."),
        Column("External-IP", "string", "externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service."),
        Column("Port(s)", "string", "The list of ports that are exposed by this service."),
        AgeColumn,
        Wide("Selector", "Route service traffic to pods with label keys and values matching this selector."),
    ];

    protected override IReadOnlyList<object?> Row(Service obj, DateTimeOffset now)
    {
        var spec = obj.Spec ?? new ServiceSpec();
        var clusterIp = spec.ClusterIPs is { Count: > 0 } ips ? ips[0] : CellFormat.None;
        var ports = Ports(spec.Ports);
        return
        [
            obj.Metadata?.Name,
            spec.Type ?? "",
            clusterIp,
            ExternalIp(obj),
            ports.Length == 0 ? CellFormat.None : ports,
            Age(obj.Metadata?.CreationTimestamp, now),
            CellFormat.Labels(spec.Selector),
        ];
    }

    /// <summary>"80/TCP", or "80:30080/TCP" with a node port, comma-joined.</summary>
    internal static string Ports(IEnumerable<ServicePort>? ports) =>
        string.Join(",", (ports ?? []).Select(p => p.NodePort is > 0
            ? $"{p.Port ?? 0}:{p.NodePort}/{p.Protocol}"
            : $"{p.Port ?? 0}/{p.Protocol}"));

    internal static string ExternalIp(Service service)
    {
        var spec = service.Spec ?? new ServiceSpec();
        var externalIps = spec.ExternalIPs ?? [];
        switch (spec.Type)
        {
            case "ClusterIP" or "NodePort":
                return externalIps.Count > 0 ? string.Join(",", externalIps) : CellFormat.None;
            case "LoadBalancer":
                var balancers = LoadBalancerAddresses(service.Status?.LoadBalancer?.Ingress?.Select(i => (i.Ip, i.Hostname)));
                if (externalIps.Count > 0)
                {
                    return string.Join(",", balancers.Concat(externalIps));
                }

                return balancers.Count > 0 ? string.Join(",", balancers) : "<pending>";
            case "ExternalName":
                return spec.ExternalName ?? "";
            default:
                return "<unknown>";
        }
    }

    /// <summary>Distinct load-balancer addresses: each ingress point's IP, or its hostname when it has no IP.</summary>
    internal static List<string> LoadBalancerAddresses(IEnumerable<(string? Ip, string? Hostname)>? ingress)
    {
        var result = new List<string>();
        foreach (var (ip, hostname) in ingress ?? [])
        {
            var address = !string.IsNullOrEmpty(ip) ? ip : hostname;
            if (!string.IsNullOrEmpty(address) && !result.Contains(address))
            {
                result.Add(address);
            }
        }

        return result;
    }
}

internal sealed class EndpointsPrinter : TypedTablePrinter<Endpoints>
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        NameColumn,
        Column("Endpoints", "string", "The set of all endpoints is the union of all subsets."),
        AgeColumn,
    ];

    protected override IReadOnlyList<object?> Row(Endpoints obj, DateTimeOffset now) =>
        [obj.Metadata?.Name, Format(obj), Age(obj.Metadata?.CreationTimestamp, now)];

    /// <summary>Ready addresses as "ip:port" (or "ip" without ports), three at most, then " + N more...".</summary>
    internal static string Format(Endpoints endpoints)
    {
        if (endpoints.Subsets is not { Count: > 0 } subsets)
        {
            return CellFormat.None;
        }

        const int maximum = 3;
        var shown = new List<string>();
        var count = 0;
        foreach (var subset in subsets)
        {
            var addresses = subset.Addresses ?? [];
            IEnumerable<CoreEndpointPort?> ports = subset.Ports is { Count: > 0 } p ? p : new CoreEndpointPort?[] { null };
            foreach (var port in ports)
            {
                count += addresses.Count;
                foreach (var address in addresses)
                {
                    if (shown.Count == maximum)
                    {
                        break;
                    }

                    shown.Add(port is null ? address.Ip ?? "" : JoinHostPort(address.Ip ?? "", port.Port ?? 0));
                }
            }
        }

        return CellFormat.ListWithMore(shown, count, maximum);
    }

    private static string JoinHostPort(string host, int port)
    {
        var p = port.ToString(CultureInfo.InvariantCulture);
        return host.Contains(':', StringComparison.Ordinal) ? $"[{host}]:{p}" : $"{host}:{p}";
    }
}

internal sealed class EndpointSlicePrinter : TypedTablePrinter<EndpointSlice>
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        NameColumn,
        Column("AddressType", "string", "addressType specifies the type of address carried by this EndpointSlice."),
        Column("Ports", "string", "ports specifies the list of network ports exposed by each endpoint in this slice."),
        Column("Endpoints", "string", "endpoints is a list of unique endpoints in this slice."),
        AgeColumn,
    ];

    protected override IReadOnlyList<object?> Row(EndpointSlice obj, DateTimeOffset now) =>
    [
        obj.Metadata?.Name,
        obj.AddressType ?? "",
        Ports(obj.Ports),
        Addresses(obj.Endpoints),
        Age(obj.Metadata?.CreationTimestamp, now),
    ];

    private static string Ports(List<SliceEndpointPort>? ports)
    {
        var all = (ports ?? []).Select(p => p.Port is { } n ? n.ToString(CultureInfo.InvariantCulture) : p.Name ?? "*").ToList();
        return UnsetWhenEmpty(all);
    }

    private static string Addresses(List<Endpoint>? endpoints) =>
        UnsetWhenEmpty((endpoints ?? []).SelectMany(e => e.Addresses ?? []).ToList());

    private static string UnsetWhenEmpty(List<string> all)
    {
        var text = CellFormat.ListWithMore(all.Take(3).ToList(), all.Count);
        return text.Length == 0 ? CellFormat.Unset : text;
    }
}

internal sealed class IngressPrinter : TypedTablePrinter<Ingress>
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        NameColumn,
        Column("Class", "string", "The name of the IngressClass resource that should be used for additional configuration"),
        Column("Hosts", "string", "Hosts that incoming requests are matched against before the ingress rule"),
        Column("Address", "string", "Address is a list containing ingress points for the load-balancer"),
        Column("Ports", "string", "Ports of TLS configurations that open"),
        AgeColumn,
    ];

    protected override IReadOnlyList<object?> Row(Ingress obj, DateTimeOffset now)
    {
        var spec = obj.Spec ?? new IngressSpec();
        var address = ServicePrinter.LoadBalancerAddresses(obj.Status?.LoadBalancer?.Ingress?.Select(i => (i.Ip, i.Hostname)));
        return
        [
            obj.Metadata?.Name,
            spec.IngressClassName ?? CellFormat.None,
            Hosts(spec.Rules),
            string.Join(",", address),
            spec.Tls is { Count: > 0 } ? "80, 443" : "80",
            Age(obj.Metadata?.CreationTimestamp, now),
        ];
    }

    /// <summary>The rules' hosts, three at most then " + N more..."; "*" when no rule names a host.</summary>
    private static string Hosts(List<IngressRule>? rules)
    {
        rules ??= [];
        const int maximum = 3;
        var hosts = new List<string>();
        var more = false;
        foreach (var rule in rules)
        {
            more |= hosts.Count == maximum;
            if (!more && !string.IsNullOrEmpty(rule.Host))
            {
                hosts.Add(rule.Host);
            }
        }

        if (hosts.Count == 0)
        {
            return "*";
        }

        var text = string.Join(",", hosts);
        return more ? $"{text} + {rules.Count - maximum} more..." : text;
    }
}

internal sealed class IngressClassPrinter : TypedTablePrinter<IngressClass>
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        NameColumn,
        Column("Controller", "string", "Controller that is responsible for handling this class"),
        Column("Parameters", "string", "A reference to a resource with additional parameters"),
        AgeColumn,
    ];

    protected override IReadOnlyList<object?> Row(IngressClass obj, DateTimeOffset now)
    {
        var parameters = CellFormat.None;
        if (obj.Spec?.Parameters is { } p)
        {
            parameters = (p.ApiGroup is null ? p.Kind : $"{p.Kind}.{p.ApiGroup}") + "/" + p.Name;
        }

        return [obj.Metadata?.Name, obj.Spec?.Controller ?? "", parameters, Age(obj.Metadata?.CreationTimestamp, now)];
    }
}

internal sealed class NetworkPolicyPrinter : TypedTablePrinter<NetworkPolicy>
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        NameColumn,
        Column("Pod-Selector", "string", "podSelector selects the pods to which this NetworkPolicy object applies."),
        AgeColumn,
    ];

    protected override IReadOnlyList<object?> Row(NetworkPolicy obj, DateTimeOffset now) =>
        [obj.Metadata?.Name, CellFormat.Selector(obj.Spec?.PodSelector ?? new()), Age(obj.Metadata?.CreationTimestamp, now)];
}
