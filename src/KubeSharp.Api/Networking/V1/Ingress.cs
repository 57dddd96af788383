namespace KubeSharp.Api.Networking.V1;

/// <summary>Routes external HTTP(S) traffic to Services by host and path.</summary>
[KubernetesEntity("networking.k8s.io", "v1", "Ingress", "ingresses", ShortNames = ["ing"], Subresources = ["status"])]
public sealed class Ingress : KubernetesObject
{
    /// <summary>The desired behaviour of the object.</summary>
    [Proto(2)] public IngressSpec? Spec { get; set; }
    /// <summary>The most recently observed state; written by the system and read-only for users.</summary>
    [Proto(3)] public IngressStatus? Status { get; set; }
}

/// <summary>The routing an Ingress asks its controller for.</summary>
public sealed class IngressSpec
{
    /// <summary>The IngressClass that implements this Ingress.</summary>
    [Proto(4)] public string? IngressClassName { get; set; }
    /// <summary>Where requests that match no rule go.</summary>
    [Proto(1)] public IngressBackend? DefaultBackend { get; set; }
    /// <summary>TLS settings; each entry names hosts and the Secret with their certificate.</summary>
    [Proto(2)] public List<IngressTLS>? Tls { get; set; }
    /// <summary>Host rules; requests matching none go to the default backend.</summary>
    [Proto(3)] public List<IngressRule>? Rules { get; set; }
}

/// <summary>The observed state of an Ingress.</summary>
public sealed class IngressStatus
{
    /// <summary>The load balancer's addresses.</summary>
    [Proto(1)] public IngressLoadBalancerStatus? LoadBalancer { get; set; }
}

/// <summary>A Service port or another resource that receives traffic; exactly one is set.</summary>
public sealed class IngressBackend
{
    /// <summary>A Service and port.</summary>
    [Proto(4)] public IngressServiceBackend? Service { get; set; }
    /// <summary>Another object in the same namespace, e.g. a storage bucket.</summary>
    [Proto(3)] public Core.V1.TypedLocalObjectReference? Resource { get; set; }
}

/// <summary>The TLS settings for some hosts.</summary>
public sealed class IngressTLS
{
    /// <summary>Hosts covered by the certificate; default is the controller's wildcard host.</summary>
    [Proto(1)] public List<string>? Hosts { get; set; }
    /// <summary>The Secret holding the certificate and key for port 443.</summary>
    [Proto(2)] public string? SecretName { get; set; }
}

/// <summary>Routes for one host (or for every host when host is empty).</summary>
[ProtoBase(2)]
public sealed class IngressRule : IngressRuleValue
{
    /// <summary>The fully qualified domain name to match; may start with a single "*." wildcard label.</summary>
    [Proto(1)] public string? Host { get; set; }
}

/// <summary>Addresses of an Ingress's load balancer.</summary>
public sealed class IngressLoadBalancerStatus
{
    /// <summary>The load balancer's ingress points.</summary>
    [Proto(1)] public List<IngressLoadBalancerIngress>? Ingress { get; set; }
}

/// <summary>A Service as a backend.</summary>
public sealed class IngressServiceBackend
{
    /// <summary>The Service's name (same namespace as the Ingress).</summary>
    [Proto(1)] public string? Name { get; set; }
    /// <summary>The Service port.</summary>
    [Proto(2)] public ServiceBackendPort? Port { get; set; }
}

/// <summary>The routing of one rule.</summary>
public class IngressRuleValue
{
    /// <summary>HTTP path routing.</summary>
    [Proto(1)] public HTTPIngressRuleValue? Http { get; set; }
}

/// <summary>One ingress point of the load balancer.</summary>
public sealed class IngressLoadBalancerIngress
{
    /// <summary>An IP address of the ingress point.</summary>
    [Proto(1)] public string? Ip { get; set; }
    /// <summary>A DNS name of the ingress point.</summary>
    [Proto(2)] public string? Hostname { get; set; }
    /// <summary>Information about the ports served.</summary>
    [Proto(4)] public List<IngressPortStatus>? Ports { get; set; }
}

/// <summary>A Service port, by name or number.</summary>
public sealed class ServiceBackendPort
{
    /// <summary>The port's name.</summary>
    [Proto(1)] public string? Name { get; set; }
    /// <summary>The port's number.</summary>
    [Proto(2)] public int? Number { get; set; }
}

/// <summary>A list of paths mapped to backends.</summary>
public sealed class HTTPIngressRuleValue
{
    /// <summary>The paths and their backends.</summary>
    [Proto(1)] public List<HTTPIngressPath>? Paths { get; set; }
}

/// <summary>The status of one port.</summary>
public sealed class IngressPortStatus
{
    /// <summary>The port number.</summary>
    [Proto(1)] public int? Port { get; set; }
    /// <summary>TCP, UDP or SCTP.</summary>
    [Proto(2)] public string? Protocol { get; set; }
    /// <summary>A problem with the port, as a CamelCase reason.</summary>
    [Proto(3)] public string? Error { get; set; }
}

/// <summary>A path and the backend its requests go to.</summary>
public sealed class HTTPIngressPath
{
    /// <summary>The path to match, beginning with "/".</summary>
    [Proto(1)] public string? Path { get; set; }
    /// <summary>Exact, Prefix or ImplementationSpecific.</summary>
    [Proto(3)] public string? PathType { get; set; }
    /// <summary>Where matching requests go.</summary>
    [Proto(2)] public IngressBackend? Backend { get; set; }
}
