namespace KubeSharp.Api.Networking.V1;

/// <summary>Names an Ingress controller and its configuration.</summary>
[KubernetesEntity("networking.k8s.io", "v1", "IngressClass", "ingressclasses", Namespaced = false)]
public sealed class IngressClass : KubernetesObject
{
    /// <summary>The desired behaviour of the object.</summary>
    [Proto(2)] public IngressClassSpec? Spec { get; set; }
}

/// <summary>The controller and parameters of an IngressClass.</summary>
public sealed class IngressClassSpec
{
    /// <summary>The controller implementing this class, e.g. example.com/ingress-controller.</summary>
    [Proto(1)] public string? Controller { get; set; }
    /// <summary>A resource with extra configuration for the controller.</summary>
    [Proto(2)] public IngressClassParametersReference? Parameters { get; set; }
}

/// <summary>Points to a parameters resource.</summary>
public sealed class IngressClassParametersReference
{
    /// <summary>API group of the resource; empty for the core group.</summary>
    [Proto(1)] public string? ApiGroup { get; set; }
    /// <summary>Kind of the resource.</summary>
    [Proto(2)] public string? Kind { get; set; }
    /// <summary>Name of the resource.</summary>
    [Proto(3)] public string? Name { get; set; }
    /// <summary>Cluster (the default) or Namespace.</summary>
    [Proto(4)] public string? Scope { get; set; }
    /// <summary>Namespace of the resource when scope is Namespace.</summary>
    [Proto(5)] public string? Namespace { get; set; }
}
