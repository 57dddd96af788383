namespace KubeSharp.Api.Core.V1;

/// <summary>The addresses behind a service (superseded by EndpointSlice).</summary>
[KubernetesEntity("", "v1", "Endpoints", "endpoints", ShortNames = ["ep"])]
public sealed class Endpoints : KubernetesObject
{
    /// <summary>Groups of addresses that share the same ports.</summary>
    [Proto(2)] public List<EndpointSubset>? Subsets { get; set; }
}

/// <summary>Addresses and the ports they all serve.</summary>
public sealed class EndpointSubset
{
    /// <summary>Ready addresses.</summary>
    [Proto(1)] public List<EndpointAddress>? Addresses { get; set; }
    /// <summary>Addresses not ready yet.</summary>
    [Proto(2)] public List<EndpointAddress>? NotReadyAddresses { get; set; }
    /// <summary>Ports of all the addresses.</summary>
    [Proto(3)] public List<EndpointPort>? Ports { get; set; }
}

/// <summary>One endpoint address.</summary>
public sealed class EndpointAddress
{
    /// <summary>IP of the endpoint.</summary>
    [Proto(1)] public string? Ip { get; set; }
    /// <summary>Host name of the endpoint.</summary>
    [Proto(3)] public string? Hostname { get; set; }
    /// <summary>Node the endpoint is on.</summary>
    [Proto(4)] public string? NodeName { get; set; }
    /// <summary>The object (normally a pod) behind the address.</summary>
    [Proto(2)] public ObjectReference? TargetRef { get; set; }
}

/// <summary>A port of the endpoints.</summary>
public sealed class EndpointPort
{
    /// <summary>Name matching the service port's name.</summary>
    [Proto(1)] public string? Name { get; set; }
    /// <summary>Port number.</summary>
    [Proto(2)] public int? Port { get; set; }
    /// <summary>TCP (default), UDP or SCTP.</summary>
    [Proto(3)] public string? Protocol { get; set; }
    /// <summary>Application protocol of the port.</summary>
    [Proto(4)] public string? AppProtocol { get; set; }
}
