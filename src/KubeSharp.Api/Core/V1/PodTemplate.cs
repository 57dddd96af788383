namespace KubeSharp.Api.Core.V1;

[KubernetesEntity("", "v1", "PodTemplate", "podtemplates")]
public sealed class PodTemplate : KubernetesObject
{
    [Proto(2)] public PodTemplateSpec? Template { get; set; }
}
