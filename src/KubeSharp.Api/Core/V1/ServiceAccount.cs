namespace KubeSharp.Api.Core.V1;

[KubernetesEntity("", "v1", "ServiceAccount", "serviceaccounts", ShortNames = ["sa"], Subresources = ["token"])]
public sealed class ServiceAccount : KubernetesObject
{
    [Proto(2), PatchMerge("name")] public List<ObjectReference>? Secrets { get; set; }
    [Proto(3)] public List<LocalObjectReference>? ImagePullSecrets { get; set; }
    [Proto(4)] public bool? AutomountServiceAccountToken { get; set; }
}
