namespace KubeSharp.Api.Networking.V1;

[KubernetesEntity("networking.k8s.io", "v1", "Ingress", "ingresses", ShortNames = ["ing"], Subresources = ["status"])]
public sealed class Ingress : KubernetesObject
{
    [Proto(2)] public IngressSpec? Spec { get; set; }
    [Proto(3)] public IngressStatus? Status { get; set; }
}

public sealed class IngressSpec
{
    [Proto(4)] public string? IngressClassName { get; set; }
    [Proto(1)] public IngressBackend? DefaultBackend { get; set; }
    [Proto(2)] public List<IngressTLS>? Tls { get; set; }
    [Proto(3)] public List<IngressRule>? Rules { get; set; }
}

public sealed class IngressStatus
{
    [Proto(1)] public IngressLoadBalancerStatus? LoadBalancer { get; set; }
}

public sealed class IngressBackend
{
    [Proto(4)] public IngressServiceBackend? Service { get; set; }
    [Proto(3)] public Core.V1.TypedLocalObjectReference? Resource { get; set; }
}

public sealed class IngressTLS
{
    [Proto(1)] public List<string>? Hosts { get; set; }
    [Proto(2)] public string? SecretName { get; set; }
}

[ProtoBase(2)]
public sealed class IngressRule : IngressRuleValue
{
    [Proto(1)] public string? Host { get; set; }
}

public sealed class IngressLoadBalancerStatus
{
    [Proto(1)] public List<IngressLoadBalancerIngress>? Ingress { get; set; }
}

public sealed class IngressServiceBackend
{
    [Proto(1)] public string? Name { get; set; }
    [Proto(2)] public ServiceBackendPort? Port { get; set; }
}

public class IngressRuleValue
{
    [Proto(1)] public HTTPIngressRuleValue? Http { get; set; }
}

public sealed class IngressLoadBalancerIngress
{
    [Proto(1)] public string? Ip { get; set; }
    [Proto(2)] public string? Hostname { get; set; }
    [Proto(4)] public List<IngressPortStatus>? Ports { get; set; }
}

public sealed class ServiceBackendPort
{
    [Proto(1)] public string? Name { get; set; }
    [Proto(2)] public int? Number { get; set; }
}

public sealed class HTTPIngressRuleValue
{
    [Proto(1)] public List<HTTPIngressPath>? Paths { get; set; }
}

public sealed class IngressPortStatus
{
    [Proto(1)] public int? Port { get; set; }
    [Proto(2)] public string? Protocol { get; set; }
    [Proto(3)] public string? Error { get; set; }
}

public sealed class HTTPIngressPath
{
    [Proto(1)] public string? Path { get; set; }
    [Proto(3)] public string? PathType { get; set; }
    [Proto(2)] public IngressBackend? Backend { get; set; }
}
