namespace KubeSharp.Api.Core.V1;

[KubernetesEntity("", "v1", "Service", "services", ShortNames = ["svc"], Categories = ["all"], Subresources = ["status", "proxy"])]
public sealed class Service : KubernetesObject
{
    [Proto(2)] public ServiceSpec? Spec { get; set; }
    [Proto(3)] public ServiceStatus? Status { get; set; }
}

public sealed class SessionAffinityConfig
{
    [Proto(1)] public ClientIPConfig? ClientIP { get; set; }
}

public sealed class ClientIPConfig
{
    [Proto(1)] public int? TimeoutSeconds { get; set; }
}

public sealed class ServiceStatus
{
    [Proto(1)] public LoadBalancerStatus? LoadBalancer { get; set; }
    [Proto(2), PatchMerge("type")] public List<Condition>? Conditions { get; set; }
}

public sealed class LoadBalancerStatus
{
    [Proto(1)] public List<LoadBalancerIngress>? Ingress { get; set; }
}

public sealed class LoadBalancerIngress
{
    [Proto(1)] public string? Ip { get; set; }
    [Proto(2)] public string? Hostname { get; set; }
    [Proto(3)] public string? IpMode { get; set; }
    [Proto(4)] public List<PortStatus>? Ports { get; set; }
}

public sealed class ServiceSpec
{
    [Proto(1), PatchMerge("port")] public List<ServicePort>? Ports { get; set; }
    [Proto(2)] public Dictionary<string, string>? Selector { get; set; }
    [Proto(3)] public string? ClusterIP { get; set; }
    [Proto(18)] public List<string>? ClusterIPs { get; set; }
    [Proto(4)] public string? Type { get; set; }
    [Proto(5)] public List<string>? ExternalIPs { get; set; }
    [Proto(7)] public string? SessionAffinity { get; set; }
    [Proto(8)] public string? LoadBalancerIP { get; set; }
    [Proto(9)] public List<string>? LoadBalancerSourceRanges { get; set; }
    [Proto(10)] public string? ExternalName { get; set; }
    [Proto(11)] public string? ExternalTrafficPolicy { get; set; }
    [Proto(12)] public int? HealthCheckNodePort { get; set; }
    [Proto(13)] public bool? PublishNotReadyAddresses { get; set; }
    [Proto(14)] public SessionAffinityConfig? SessionAffinityConfig { get; set; }
    [Proto(19)] public List<string>? IpFamilies { get; set; }
    [Proto(17)] public string? IpFamilyPolicy { get; set; }
    [Proto(20)] public bool? AllocateLoadBalancerNodePorts { get; set; }
    [Proto(21)] public string? LoadBalancerClass { get; set; }
    [Proto(22)] public string? InternalTrafficPolicy { get; set; }
    [Proto(23)] public string? TrafficDistribution { get; set; }
}

public sealed class ServicePort
{
    [Proto(1)] public string? Name { get; set; }
    [Proto(2)] public string? Protocol { get; set; }
    [Proto(6)] public string? AppProtocol { get; set; }
    [Proto(3)] public int? Port { get; set; }
    [Proto(4)] public IntOrString? TargetPort { get; set; }
    [Proto(5)] public int? NodePort { get; set; }
}

public sealed class PortStatus
{
    [Proto(1)] public int? Port { get; set; }
    [Proto(2)] public string? Protocol { get; set; }
    [Proto(3)] public string? Error { get; set; }
}
