namespace KubeSharp.Api.Networking.V1;

/// <summary>Server-side defaulting of networking.k8s.io/v1 objects (Ingress has none).</summary>
public static class NetworkingV1Defaults
{
    public static void Apply(NetworkPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var spec = policy.Spec ??= new NetworkPolicySpec();

        // A policy always restricts ingress; it restricts egress only when it has egress rules.
        if (spec.PolicyTypes is not { Count: > 0 })
        {
            spec.PolicyTypes = spec.Egress is { Count: > 0 } ? ["Ingress", "Egress"] : ["Ingress"];
        }

        foreach (var rule in spec.Ingress ?? [])
        {
            ApplyToPorts(rule.Ports);
        }

        foreach (var rule in spec.Egress ?? [])
        {
            ApplyToPorts(rule.Ports);
        }
    }

    public static void Apply(IngressClass ingressClass)
    {
        ArgumentNullException.ThrowIfNull(ingressClass);
        if (ingressClass.Spec?.Parameters is { Scope: null } parameters)
        {
            parameters.Scope = "Cluster";
        }
    }

    private static void ApplyToPorts(List<NetworkPolicyPort>? ports)
    {
        foreach (var port in ports ?? [])
        {
            port.Protocol ??= "TCP";
        }
    }
}
