namespace KubeSharp.Api.Discovery.V1;

/// <summary>A subset of the network endpoints behind a Service.</summary>
[KubernetesEntity("discovery.k8s.io", "v1", "EndpointSlice", "endpointslices")]
public sealed class EndpointSlice : KubernetesObject
{
    /// <summary>IPv4, IPv6 or FQDN; immutable.</summary>
    [Proto(4)] public string? AddressType { get; set; }
    /// <summary>The endpoints; at most 1000.</summary>
    [Proto(2)] public List<Endpoint>? Endpoints { get; set; }
    /// <summary>The ports every endpoint exposes; at most 100.</summary>
    [Proto(3)] public List<EndpointPort>? Ports { get; set; }
}

/// <summary>One backend of the slice.</summary>
public sealed class Endpoint
{
    /// <summary>The endpoint's addresses (consumers use the first).</summary>
    [Proto(1)] public List<string>? Addresses { get; set; }
    /// <summary>The endpoint's state.</summary>
    [Proto(2)] public EndpointConditions? Conditions { get; set; }
    /// <summary>The endpoint's DNS label.</summary>
    [Proto(3)] public string? Hostname { get; set; }
    /// <summary>The object (usually a pod) behind the endpoint.</summary>
    [Proto(4)] public Core.V1.ObjectReference? TargetRef { get; set; }
    /// <summary>Deprecated topology labels; use nodeName and zone.</summary>
    [Proto(5)] public Dictionary<string, string>? DeprecatedTopology { get; set; }
    /// <summary>The node hosting the endpoint.</summary>
    [Proto(6)] public string? NodeName { get; set; }
    /// <summary>The zone the endpoint is in.</summary>
    [Proto(7)] public string? Zone { get; set; }
    /// <summary>Topology hints for consumers.</summary>
    [Proto(8)] public EndpointHints? Hints { get; set; }
}

/// <summary>A port of the endpoints.</summary>
public sealed class EndpointPort
{
    /// <summary>The port's name; required when there are several ports.</summary>
    [Proto(1)] public string? Name { get; set; }
    /// <summary>TCP (the default), UDP or SCTP.</summary>
    [Proto(2)] public string? Protocol { get; set; }
    /// <summary>The port number; unset means all ports.</summary>
    [Proto(3)] public int? Port { get; set; }
    /// <summary>The application protocol, e.g. http or kubernetes.io/h2c.</summary>
    [Proto(4)] public string? AppProtocol { get; set; }
}

/// <summary>The state of an endpoint.</summary>
public sealed class EndpointConditions
{
    /// <summary>Whether the endpoint should receive traffic; unknown counts as ready.</summary>
    [Proto(1)] public bool? Ready { get; set; }
    /// <summary>Like ready, but also true while terminating.</summary>
    [Proto(2)] public bool? Serving { get; set; }
    /// <summary>Whether the endpoint is terminating.</summary>
    [Proto(3)] public bool? Terminating { get; set; }
}

/// <summary>Topology hints for an endpoint.</summary>
public sealed class EndpointHints
{
    /// <summary>Zones that should consume this endpoint.</summary>
    [Proto(1)] public List<ForZone>? ForZones { get; set; }
}

/// <summary>A zone that should consume an endpoint.</summary>
public sealed class ForZone
{
    /// <summary>The zone's name.</summary>
    [Proto(1)] public string? Name { get; set; }
}
