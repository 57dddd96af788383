namespace KubeSharp.Api.Core.V1;

/// <summary>A stable name and virtual IP for a set of pods, with load balancing.</summary>
[KubernetesEntity("", "v1", "Service", "services", ShortNames = ["svc"], Categories = ["all"], Subresources = ["status", "proxy"])]
public sealed class Service : KubernetesObject
{
    /// <summary>The desired behaviour of the service.</summary>
    [Proto(2)] public ServiceSpec? Spec { get; set; }
    /// <summary>The observed state, e.g. the load balancer; read-only.</summary>
    [Proto(3)] public ServiceStatus? Status { get; set; }
}

/// <summary>Settings of session affinity.</summary>
public sealed class SessionAffinityConfig
{
    /// <summary>Settings of ClientIP affinity.</summary>
    [Proto(1)] public ClientIPConfig? ClientIP { get; set; }
}

/// <summary>Settings of ClientIP session affinity.</summary>
public sealed class ClientIPConfig
{
    /// <summary>How long a client sticks to one endpoint; 10800 (3 hours) by default.</summary>
    [Proto(1)] public int? TimeoutSeconds { get; set; }
}

/// <summary>The observed state of a service.</summary>
public sealed class ServiceStatus
{
    /// <summary>The provisioned load balancer, if any.</summary>
    [Proto(1)] public LoadBalancerStatus? LoadBalancer { get; set; }
    /// <summary>Current conditions of the service.</summary>
    [Proto(2), PatchMerge("type")] public List<Condition>? Conditions { get; set; }
}

/// <summary>The addresses of a load balancer.</summary>
public sealed class LoadBalancerStatus
{
    /// <summary>Where traffic for the load balancer enters.</summary>
    [Proto(1)] public List<LoadBalancerIngress>? Ingress { get; set; }
}

/// <summary>One entry point of a load balancer.</summary>
public sealed class LoadBalancerIngress
{
    /// <summary>IP address of the entry point.</summary>
    [Proto(1)] public string? Ip { get; set; }
    /// <summary>DNS name of the entry point.</summary>
    [Proto(2)] public string? Hostname { get; set; }
    /// <summary>VIP (traffic arrives addressed to the IP) or Proxy (addressed to the node).</summary>
    [Proto(3)] public string? IpMode { get; set; }
    /// <summary>Status of each service port.</summary>
    [Proto(4)] public List<PortStatus>? Ports { get; set; }
}

/// <summary>The desired state of a service.</summary>
public sealed class ServiceSpec
{
    /// <summary>Ports the service exposes.</summary>
    [Proto(1), PatchMerge("port")] public List<ServicePort>? Ports { get; set; }
    /// <summary>Labels of the pods traffic is sent to; without one, endpoints are managed by hand.</summary>
    [Proto(2)] public Dictionary<string, string>? Selector { get; set; }
    /// <summary>Virtual IP of the service, allocated when unset; "None" for a headless service.</summary>
    [Proto(3)] public string? ClusterIP { get; set; }
    /// <summary>Virtual IPs of the service, one per IP family; the first equals clusterIP.</summary>
    [Proto(18)] public List<string>? ClusterIPs { get; set; }
    /// <summary>ClusterIP (default), NodePort, LoadBalancer or ExternalName.</summary>
    [Proto(4)] public string? Type { get; set; }
    /// <summary>Extra IPs on which nodes accept traffic for the service.</summary>
    [Proto(5)] public List<string>? ExternalIPs { get; set; }
    /// <summary>None (default) or ClientIP.</summary>
    [Proto(7)] public string? SessionAffinity { get; set; }
    /// <summary>Deprecated: requested load balancer IP.</summary>
    [Proto(8)] public string? LoadBalancerIP { get; set; }
    /// <summary>Client CIDRs the load balancer admits.</summary>
    [Proto(9)] public List<string>? LoadBalancerSourceRanges { get; set; }
    /// <summary>DNS name an ExternalName service is an alias (CNAME) for.</summary>
    [Proto(10)] public string? ExternalName { get; set; }
    /// <summary>Cluster (default) or Local: whether external traffic may go to endpoints on other nodes.</summary>
    [Proto(11)] public string? ExternalTrafficPolicy { get; set; }
    /// <summary>Node port that reports local endpoints for externalTrafficPolicy Local.</summary>
    [Proto(12)] public int? HealthCheckNodePort { get; set; }
    /// <summary>Publish endpoints of pods that are not ready.</summary>
    [Proto(13)] public bool? PublishNotReadyAddresses { get; set; }
    /// <summary>Settings of session affinity.</summary>
    [Proto(14)] public SessionAffinityConfig? SessionAffinityConfig { get; set; }
    /// <summary>IP families (IPv4, IPv6) of the service, in order.</summary>
    [Proto(19)] public List<string>? IpFamilies { get; set; }
    /// <summary>SingleStack, PreferDualStack or RequireDualStack.</summary>
    [Proto(17)] public string? IpFamilyPolicy { get; set; }
    /// <summary>Allocate node ports for a LoadBalancer service; true by default.</summary>
    [Proto(20)] public bool? AllocateLoadBalancerNodePorts { get; set; }
    /// <summary>Load balancer implementation to use.</summary>
    [Proto(21)] public string? LoadBalancerClass { get; set; }
    /// <summary>Cluster (default) or Local: whether in-cluster traffic may go to endpoints on other nodes.</summary>
    [Proto(22)] public string? InternalTrafficPolicy { get; set; }
    /// <summary>Preference for routing, e.g. PreferClose.</summary>
    [Proto(23)] public string? TrafficDistribution { get; set; }
}

/// <summary>A port a service exposes.</summary>
public sealed class ServicePort
{
    /// <summary>Name of the port, required when there are several.</summary>
    [Proto(1)] public string? Name { get; set; }
    /// <summary>TCP (default), UDP or SCTP.</summary>
    [Proto(2)] public string? Protocol { get; set; }
    /// <summary>Application protocol, e.g. http or kubernetes.io/h2c.</summary>
    [Proto(6)] public string? AppProtocol { get; set; }
    /// <summary>Port the service listens on.</summary>
    [Proto(3)] public int? Port { get; set; }
    /// <summary>Port number or name on the pods; the same as port by default.</summary>
    [Proto(4)] public IntOrString? TargetPort { get; set; }
    /// <summary>Port on every node for NodePort and LoadBalancer services; allocated when unset.</summary>
    [Proto(5)] public int? NodePort { get; set; }
}

/// <summary>Status of one port of a load balancer.</summary>
public sealed class PortStatus
{
    /// <summary>Port number.</summary>
    [Proto(1)] public int? Port { get; set; }
    /// <summary>TCP, UDP or SCTP.</summary>
    [Proto(2)] public string? Protocol { get; set; }
    /// <summary>Problem with the port, CamelCase, if any.</summary>
    [Proto(3)] public string? Error { get; set; }
}
