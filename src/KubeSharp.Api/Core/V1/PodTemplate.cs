namespace KubeSharp.Api.Core.V1;

/// <summary>A stored pod template.</summary>
[KubernetesEntity("", "v1", "PodTemplate", "podtemplates")]
public sealed class PodTemplate : KubernetesObject
{
    /// <summary>The template.</summary>
    [Proto(2)] public PodTemplateSpec? Template { get; set; }
}
