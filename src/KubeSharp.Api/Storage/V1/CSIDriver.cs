namespace KubeSharp.Api.Storage.V1;

[KubernetesEntity("storage.k8s.io", "v1", "CSIDriver", "csidrivers", Namespaced = false)]
public sealed class CSIDriver : KubernetesObject
{
    [Proto(2)] public CSIDriverSpec? Spec { get; set; }
}

public sealed class CSIDriverSpec
{
    [Proto(1)] public bool? AttachRequired { get; set; }
    [Proto(2)] public bool? PodInfoOnMount { get; set; }
    [Proto(3)] public List<string>? VolumeLifecycleModes { get; set; }
    [Proto(4)] public bool? StorageCapacity { get; set; }
    [Proto(5)] public string? FsGroupPolicy { get; set; }
    [Proto(6)] public List<TokenRequest>? TokenRequests { get; set; }
    [Proto(7)] public bool? RequiresRepublish { get; set; }
    [Proto(8)] public bool? SeLinuxMount { get; set; }
}

public sealed class TokenRequest
{
    [Proto(1)] public string? Audience { get; set; }
    [Proto(2)] public long? ExpirationSeconds { get; set; }
}
