namespace KubeSharp.Api.Storage.V1;

[KubernetesEntity("storage.k8s.io", "v1", "VolumeAttachment", "volumeattachments", Namespaced = false, Subresources = ["status"])]
public sealed class VolumeAttachment : KubernetesObject
{
    [Proto(2)] public VolumeAttachmentSpec? Spec { get; set; }
    [Proto(3)] public VolumeAttachmentStatus? Status { get; set; }
}

public sealed class VolumeAttachmentSpec
{
    [Proto(1)] public string? Attacher { get; set; }
    [Proto(2)] public VolumeAttachmentSource? Source { get; set; }
    [Proto(3)] public string? NodeName { get; set; }
}

public sealed class VolumeAttachmentStatus
{
    [Proto(1)] public bool? Attached { get; set; }
    [Proto(2)] public Dictionary<string, string>? AttachmentMetadata { get; set; }
    [Proto(3)] public VolumeError? AttachError { get; set; }
    [Proto(4)] public VolumeError? DetachError { get; set; }
}

public sealed class VolumeAttachmentSource
{
    [Proto(1)] public string? PersistentVolumeName { get; set; }
    [Proto(2)] public Core.V1.PersistentVolumeSpec? InlineVolumeSpec { get; set; }
}

public sealed class VolumeError
{
    [Proto(1)] public DateTimeOffset? Time { get; set; }
    [Proto(2)] public string? Message { get; set; }
}
