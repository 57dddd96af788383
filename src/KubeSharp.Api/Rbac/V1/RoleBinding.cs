namespace KubeSharp.Api.Rbac.V1;

[KubernetesEntity("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings")]
public sealed class RoleBinding : KubernetesObject
{
    [Proto(2)] public List<Subject>? Subjects { get; set; }
    [Proto(3)] public RoleRef? RoleRef { get; set; }
}

public sealed class Subject
{
    [Proto(1)] public string? Kind { get; set; }
    [Proto(2)] public string? ApiGroup { get; set; }
    [Proto(3)] public string? Name { get; set; }
    [Proto(4)] public string? Namespace { get; set; }
}

public sealed class RoleRef
{
    [Proto(1)] public string? ApiGroup { get; set; }
    [Proto(2)] public string? Kind { get; set; }
    [Proto(3)] public string? Name { get; set; }
}
