namespace KubeSharp.Api.Networking.V1;

[KubernetesEntity("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", ShortNames = ["netpol"])]
public sealed class NetworkPolicy : KubernetesObject
{
    [Proto(2)] public NetworkPolicySpec? Spec { get; set; }
}

public sealed class NetworkPolicySpec
{
    [Proto(1)] public LabelSelector? PodSelector { get; set; }
    [Proto(2)] public List<NetworkPolicyIngressRule>? Ingress { get; set; }
    [Proto(3)] public List<NetworkPolicyEgressRule>? Egress { get; set; }
    [Proto(4)] public List<string>? PolicyTypes { get; set; }
}

public sealed class NetworkPolicyIngressRule
{
    [Proto(1)] public List<NetworkPolicyPort>? Ports { get; set; }
    [Proto(2)] public List<NetworkPolicyPeer>? From { get; set; }
}

public sealed class NetworkPolicyEgressRule
{
    [Proto(1)] public List<NetworkPolicyPort>? Ports { get; set; }
    [Proto(2)] public List<NetworkPolicyPeer>? To { get; set; }
}

public sealed class NetworkPolicyPort
{
    [Proto(1)] public string? Protocol { get; set; }
    [Proto(2)] public IntOrString? Port { get; set; }
    [Proto(3)] public int? EndPort { get; set; }
}

public sealed class NetworkPolicyPeer
{
    [Proto(1)] public LabelSelector? PodSelector { get; set; }
    [Proto(2)] public LabelSelector? NamespaceSelector { get; set; }
    [Proto(3)] public IPBlock? IpBlock { get; set; }
}

public sealed class IPBlock
{
    [Proto(1)] public string? Cidr { get; set; }
    [Proto(2)] public List<string>? Except { get; set; }
}
