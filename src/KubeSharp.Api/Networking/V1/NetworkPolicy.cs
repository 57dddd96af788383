namespace KubeSharp.Api.Networking.V1;

/// <summary>Declares which traffic is allowed to and from a set of pods.</summary>
[KubernetesEntity("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", ShortNames = ["netpol"])]
public sealed class NetworkPolicy : KubernetesObject
{
    /// <summary>The desired behaviour of the object.</summary>
    [Proto(2)] public NetworkPolicySpec? Spec { get; set; }
}

/// <summary>The pods a policy selects and the traffic it allows.</summary>
public sealed class NetworkPolicySpec
{
    /// <summary>The pods in this namespace the policy applies to; empty selects all.</summary>
    [Proto(1)] public LabelSelector? PodSelector { get; set; }
    /// <summary>Allowed incoming traffic; once a policy selects a pod for Ingress, everything else is denied.</summary>
    [Proto(2)] public List<NetworkPolicyIngressRule>? Ingress { get; set; }
    /// <summary>Allowed outgoing traffic; once a policy selects a pod for Egress, everything else is denied.</summary>
    [Proto(3)] public List<NetworkPolicyEgressRule>? Egress { get; set; }
    /// <summary>Ingress, Egress or both; derived from the rules when unset.</summary>
    [Proto(4)] public List<string>? PolicyTypes { get; set; }
}

/// <summary>Traffic allowed in when it matches both ports and from.</summary>
public sealed class NetworkPolicyIngressRule
{
    /// <summary>Allowed ports; empty means all.</summary>
    [Proto(1)] public List<NetworkPolicyPort>? Ports { get; set; }
    /// <summary>Allowed sources; empty means all.</summary>
    [Proto(2)] public List<NetworkPolicyPeer>? From { get; set; }
}

/// <summary>Traffic allowed out when it matches both ports and to.</summary>
public sealed class NetworkPolicyEgressRule
{
    /// <summary>Allowed ports; empty means all.</summary>
    [Proto(1)] public List<NetworkPolicyPort>? Ports { get; set; }
    /// <summary>Allowed destinations; empty means all.</summary>
    [Proto(2)] public List<NetworkPolicyPeer>? To { get; set; }
}

/// <summary>A port (or range) and protocol.</summary>
public sealed class NetworkPolicyPort
{
    /// <summary>TCP (the default), UDP or SCTP.</summary>
    [Proto(1)] public string? Protocol { get; set; }
    /// <summary>A port number or name; unset means all ports.</summary>
    [Proto(2)] public IntOrString? Port { get; set; }
    /// <summary>The last port of a range starting at port.</summary>
    [Proto(3)] public int? EndPort { get; set; }
}

/// <summary>A set of pods or an IP block.</summary>
public sealed class NetworkPolicyPeer
{
    /// <summary>Pods selected by label (in the policy's namespace unless namespaceSelector is set).</summary>
    [Proto(1)] public LabelSelector? PodSelector { get; set; }
    /// <summary>Namespaces selected by label.</summary>
    [Proto(2)] public LabelSelector? NamespaceSelector { get; set; }
    /// <summary>A CIDR range.</summary>
    [Proto(3)] public IPBlock? IpBlock { get; set; }
}

/// <summary>A CIDR range with exceptions.</summary>
public sealed class IPBlock
{
    /// <summary>The range, e.g. 192.168.1.0/24.</summary>
    [Proto(1)] public string? Cidr { get; set; }
    /// <summary>Sub-ranges excluded from cidr.</summary>
    [Proto(2)] public List<string>? Except { get; set; }
}
