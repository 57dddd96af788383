namespace KubeSharp.Api.Core.V1;

/// <summary>Binds a pod to a node; the body of a POST to pods/binding.</summary>
[KubernetesEntity("", "v1", "Binding", "bindings")]
public sealed class Binding : KubernetesObject
{
    /// <summary>The node to bind to.</summary>
    [Proto(2)] public ObjectReference? Target { get; set; }
}
