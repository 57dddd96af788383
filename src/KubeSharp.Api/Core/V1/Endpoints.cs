namespace KubeSharp.Api.Core.V1;

[KubernetesEntity("", "v1", "Endpoints", "endpoints", ShortNames = ["ep"])]
public sealed class Endpoints : KubernetesObject
{
    [Proto(2)] public List<EndpointSubset>? Subsets { get; set; }
}

public sealed class EndpointSubset
{
    [Proto(1)] public List<EndpointAddress>? Addresses { get; set; }
    [Proto(2)] public List<EndpointAddress>? NotReadyAddresses { get; set; }
    [Proto(3)] public List<EndpointPort>? Ports { get; set; }
}

public sealed class EndpointAddress
{
    [Proto(1)] public string? Ip { get; set; }
    [Proto(3)] public string? Hostname { get; set; }
    [Proto(4)] public string? NodeName { get; set; }
    [Proto(2)] public ObjectReference? TargetRef { get; set; }
}

public sealed class EndpointPort
{
    [Proto(1)] public string? Name { get; set; }
    [Proto(2)] public int? Port { get; set; }
    [Proto(3)] public string? Protocol { get; set; }
    [Proto(4)] public string? AppProtocol { get; set; }
}
