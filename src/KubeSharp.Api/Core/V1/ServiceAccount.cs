namespace KubeSharp.Api.Core.V1;

/// <summary>An identity for processes running in pods.</summary>
[KubernetesEntity("", "v1", "ServiceAccount", "serviceaccounts", ShortNames = ["sa"], Subresources = ["token"])]
public sealed class ServiceAccount : KubernetesObject
{
    /// <summary>Deprecated: secrets with tokens for this account.</summary>
    [Proto(2), PatchMerge("name")] public List<ObjectReference>? Secrets { get; set; }
    /// <summary>Registry credentials added to pods that use this account.</summary>
    [Proto(3)] public List<LocalObjectReference>? ImagePullSecrets { get; set; }
    /// <summary>Whether pods of this account mount an API token by default.</summary>
    [Proto(4)] public bool? AutomountServiceAccountToken { get; set; }
}
