namespace KubeSharp.Api.Rbac.V1;

/// <summary>A namespaced set of permissions.</summary>
[KubernetesEntity("rbac.authorization.k8s.io", "v1", "Role", "roles")]
public sealed class Role : KubernetesObject
{
    /// <summary>The permissions.</summary>
    [Proto(2)] public List<PolicyRule>? Rules { get; set; }
}

/// <summary>Actions allowed on resources or non-resource URLs.</summary>
public sealed class PolicyRule
{
    /// <summary>Allowed verbs, or "*".</summary>
    [Proto(1)] public List<string>? Verbs { get; set; }
    /// <summary>API groups of the resources; "" is the core group.</summary>
    [Proto(2)] public List<string>? ApiGroups { get; set; }
    /// <summary>Resources (and subresources such as pods/log), or "*".</summary>
    [Proto(3)] public List<string>? Resources { get; set; }
    /// <summary>Restricts the rule to these object names.</summary>
    [Proto(4)] public List<string>? ResourceNames { get; set; }
    /// <summary>URL paths (with "*" as a final suffix) for ClusterRoles.</summary>
    [Proto(5)] public List<string>? NonResourceURLs { get; set; }
}
