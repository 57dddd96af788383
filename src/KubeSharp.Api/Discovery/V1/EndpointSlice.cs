namespace KubeSharp.Api.Discovery.V1;

[KubernetesEntity("discovery.k8s.io", "v1", "EndpointSlice", "endpointslices")]
public sealed class EndpointSlice : KubernetesObject
{
    [Proto(4)] public string? AddressType { get; set; }
    [Proto(2)] public List<Endpoint>? Endpoints { get; set; }
    [Proto(3)] public List<EndpointPort>? Ports { get; set; }
}

public sealed class Endpoint
{
    [Proto(1)] public List<string>? Addresses { get; set; }
    [Proto(2)] public EndpointConditions? Conditions { get; set; }
    [Proto(3)] public string? Hostname { get; set; }
    [Proto(4)] public Core.V1.ObjectReference? TargetRef { get; set; }
    [Proto(5)] public Dictionary<string, string>? DeprecatedTopology { get; set; }
    [Proto(6)] public string? NodeName { get; set; }
    [Proto(7)] public string? Zone { get; set; }
    [Proto(8)] public EndpointHints? Hints { get; set; }
}

public sealed class EndpointPort
{
    [Proto(1)] public string? Name { get; set; }
    [Proto(2)] public string? Protocol { get; set; }
    [Proto(3)] public int? Port { get; set; }
    [Proto(4)] public string? AppProtocol { get; set; }
}

public sealed class EndpointConditions
{
    [Proto(1)] public bool? Ready { get; set; }
    [Proto(2)] public bool? Serving { get; set; }
    [Proto(3)] public bool? Terminating { get; set; }
}

public sealed class EndpointHints
{
    [Proto(1)] public List<ForZone>? ForZones { get; set; }
}

public sealed class ForZone
{
    [Proto(1)] public string? Name { get; set; }
}
