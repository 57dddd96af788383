namespace KubeSharp.Api.Networking.V1;

[KubernetesEntity("networking.k8s.io", "v1", "IngressClass", "ingressclasses", Namespaced = false)]
public sealed class IngressClass : KubernetesObject
{
    [Proto(2)] public IngressClassSpec? Spec { get; set; }
}

public sealed class IngressClassSpec
{
    [Proto(1)] public string? Controller { get; set; }
    [Proto(2)] public IngressClassParametersReference? Parameters { get; set; }
}

public sealed class IngressClassParametersReference
{
    [Proto(1)] public string? ApiGroup { get; set; }
    [Proto(2)] public string? Kind { get; set; }
    [Proto(3)] public string? Name { get; set; }
    [Proto(4)] public string? Scope { get; set; }
    [Proto(5)] public string? Namespace { get; set; }
}
