namespace KubeSharp.Api.Storage.V1;

/// <summary>Describes a CSI volume driver installed in the cluster.</summary>
[KubernetesEntity("storage.k8s.io", "v1", "CSIDriver", "csidrivers", Namespaced = false)]
public sealed class CSIDriver : KubernetesObject
{
    /// <summary>The desired behaviour of the object.</summary>
    [Proto(2)] public CSIDriverSpec? Spec { get; set; }
}

/// <summary>How Kubernetes should work with a CSI driver.</summary>
public sealed class CSIDriverSpec
{
    /// <summary>Whether volumes need an attach step (ControllerPublishVolume). Defaults to true.</summary>
    [Proto(1)] public bool? AttachRequired { get; set; }
    /// <summary>Whether pod information is passed to NodePublishVolume. Defaults to false.</summary>
    [Proto(2)] public bool? PodInfoOnMount { get; set; }
    /// <summary>Persistent and/or Ephemeral volume modes the driver supports.</summary>
    [Proto(3)] public List<string>? VolumeLifecycleModes { get; set; }
    /// <summary>Whether the scheduler considers the driver's reported capacity.</summary>
    [Proto(4)] public bool? StorageCapacity { get; set; }
    /// <summary>Whether the driver supports changing volume ownership for fsGroup: ReadWriteOnceWithFSType, File or None.</summary>
    [Proto(5)] public string? FsGroupPolicy { get; set; }
    /// <summary>Service account tokens the kubelet passes to the driver on mount.</summary>
    [Proto(6)] public List<TokenRequest>? TokenRequests { get; set; }
    /// <summary>Whether NodePublishVolume is called periodically to remount.</summary>
    [Proto(7)] public bool? RequiresRepublish { get; set; }
    /// <summary>Whether the driver supports the -o context mount option.</summary>
    [Proto(8)] public bool? SeLinuxMount { get; set; }
}

/// <summary>A service account token to request for the driver.</summary>
public sealed class TokenRequest
{
    /// <summary>The token's intended audience.</summary>
    [Proto(1)] public string? Audience { get; set; }
    /// <summary>The token's validity.</summary>
    [Proto(2)] public long? ExpirationSeconds { get; set; }
}
