namespace KubeSharp.Api.Rbac.V1;

[KubernetesEntity("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", Namespaced = false)]
public sealed class ClusterRoleBinding : KubernetesObject
{
    [Proto(2)] public List<Subject>? Subjects { get; set; }
    [Proto(3)] public RoleRef? RoleRef { get; set; }
}
