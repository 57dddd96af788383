namespace KubeSharp.Api.Core.V1;

[KubernetesEntity("", "v1", "Binding", "bindings")]
public sealed class Binding : KubernetesObject
{
    [Proto(2)] public ObjectReference? Target { get; set; }
}
