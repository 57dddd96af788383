namespace KubeSharp.Api.Rbac.V1;

/// <summary>Grants a ClusterRole to subjects across the cluster.</summary>
[KubernetesEntity("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", Namespaced = false)]
public sealed class ClusterRoleBinding : KubernetesObject
{
    /// <summary>Who is granted the role.</summary>
    [Proto(2)] public List<Subject>? Subjects { get; set; }
    /// <summary>The ClusterRole granted; cannot be changed.</summary>
    [Proto(3)] public RoleRef? RoleRef { get; set; }
}
