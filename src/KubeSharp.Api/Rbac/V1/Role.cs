namespace KubeSharp.Api.Rbac.V1;

[KubernetesEntity("rbac.authorization.k8s.io", "v1", "Role", "roles")]
public sealed class Role : KubernetesObject
{
    [Proto(2)] public List<PolicyRule>? Rules { get; set; }
}

public sealed class PolicyRule
{
    [Proto(1)] public List<string>? Verbs { get; set; }
    [Proto(2)] public List<string>? ApiGroups { get; set; }
    [Proto(3)] public List<string>? Resources { get; set; }
    [Proto(4)] public List<string>? ResourceNames { get; set; }
    [Proto(5)] public List<string>? NonResourceURLs { get; set; }
}
