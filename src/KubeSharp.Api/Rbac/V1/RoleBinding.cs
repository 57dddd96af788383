namespace KubeSharp.Api.Rbac.V1;

/// <summary>Grants a Role or ClusterRole to subjects within one namespace.</summary>
[KubernetesEntity("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings")]
public sealed class RoleBinding : KubernetesObject
{
    /// <summary>Who is granted the role.</summary>
    [Proto(2)] public List<Subject>? Subjects { get; set; }
    /// <summary>The Role or ClusterRole granted; cannot be changed.</summary>
    [Proto(3)] public RoleRef? RoleRef { get; set; }
}

/// <summary>A user, group or service account.</summary>
public sealed class Subject
{
    /// <summary>User, Group or ServiceAccount.</summary>
    [Proto(1)] public string? Kind { get; set; }
    /// <summary>rbac.authorization.k8s.io for User and Group, "" for ServiceAccount.</summary>
    [Proto(2)] public string? ApiGroup { get; set; }
    /// <summary>The subject's name.</summary>
    [Proto(3)] public string? Name { get; set; }
    /// <summary>The service account's namespace.</summary>
    [Proto(4)] public string? Namespace { get; set; }
}

/// <summary>The role being granted.</summary>
public sealed class RoleRef
{
    /// <summary>rbac.authorization.k8s.io.</summary>
    [Proto(1)] public string? ApiGroup { get; set; }
    /// <summary>Role or ClusterRole.</summary>
    [Proto(2)] public string? Kind { get; set; }
    /// <summary>The role's name.</summary>
    [Proto(3)] public string? Name { get; set; }
}
