namespace KubeSharp.Api.Storage.V1;

/// <summary>A request to attach a volume to a node, or detach it.</summary>
[KubernetesEntity("storage.k8s.io", "v1", "VolumeAttachment", "volumeattachments", Namespaced = false, Subresources = ["status"])]
public sealed class VolumeAttachment : KubernetesObject
{
    /// <summary>The desired behaviour of the object.</summary>
    [Proto(2)] public VolumeAttachmentSpec? Spec { get; set; }
    /// <summary>The most recently observed state; written by the system and read-only for users.</summary>
    [Proto(3)] public VolumeAttachmentStatus? Status { get; set; }
}

/// <summary>What to attach and where.</summary>
public sealed class VolumeAttachmentSpec
{
    /// <summary>The volume driver that must handle the request.</summary>
    [Proto(1)] public string? Attacher { get; set; }
    /// <summary>The volume to attach.</summary>
    [Proto(2)] public VolumeAttachmentSource? Source { get; set; }
    /// <summary>The node to attach the volume to.</summary>
    [Proto(3)] public string? NodeName { get; set; }
}

/// <summary>The result of attaching or detaching.</summary>
public sealed class VolumeAttachmentStatus
{
    /// <summary>Whether the volume is attached.</summary>
    [Proto(1)] public bool? Attached { get; set; }
    /// <summary>Information returned by a successful attach, passed to later mount calls.</summary>
    [Proto(2)] public Dictionary<string, string>? AttachmentMetadata { get; set; }
    /// <summary>The last attach error.</summary>
    [Proto(3)] public VolumeError? AttachError { get; set; }
    /// <summary>The last detach error.</summary>
    [Proto(4)] public VolumeError? DetachError { get; set; }
}

/// <summary>A volume to attach; exactly one field is set.</summary>
public sealed class VolumeAttachmentSource
{
    /// <summary>The PersistentVolume to attach.</summary>
    [Proto(1)] public string? PersistentVolumeName { get; set; }
    /// <summary>An inline pod volume translated to a persistent volume spec (CSI migration).</summary>
    [Proto(2)] public Core.V1.PersistentVolumeSpec? InlineVolumeSpec { get; set; }
}

/// <summary>An error from an attach or detach operation.</summary>
public sealed class VolumeError
{
    /// <summary>When the error happened.</summary>
    [Proto(1)] public DateTimeOffset? Time { get; set; }
    /// <summary>The error, which may be logged.</summary>
    [Proto(2)] public string? Message { get; set; }
}
