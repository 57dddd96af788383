namespace KubeSharp.Api.Rbac.V1;

/// <summary>A cluster-wide set of permissions, usable by RoleBindings and ClusterRoleBindings.</summary>
[KubernetesEntity("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", Namespaced = false)]
public sealed class ClusterRole : KubernetesObject
{
    /// <summary>The permissions.</summary>
    [Proto(2)] public List<PolicyRule>? Rules { get; set; }
    /// <summary>When set, the rules are computed by the controller from matching ClusterRoles.</summary>
    [Proto(3)] public AggregationRule? AggregationRule { get; set; }
}

/// <summary>Selects the ClusterRoles whose rules are combined.</summary>
public sealed class AggregationRule
{
    /// <summary>ClusterRoles matching any selector are aggregated.</summary>
    [Proto(1)] public List<LabelSelector>? ClusterRoleSelectors { get; set; }
}
