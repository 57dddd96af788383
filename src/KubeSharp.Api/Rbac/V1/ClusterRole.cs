namespace KubeSharp.Api.Rbac.V1;

[KubernetesEntity("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", Namespaced = false)]
public sealed class ClusterRole : KubernetesObject
{
    [Proto(2)] public List<PolicyRule>? Rules { get; set; }
    [Proto(3)] public AggregationRule? AggregationRule { get; set; }
}

public sealed class AggregationRule
{
    [Proto(1)] public List<LabelSelector>? ClusterRoleSelectors { get; set; }
}
