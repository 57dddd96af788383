namespace KubeSharp.Api.Core.V1;

/// <summary>A user's request for storage, bound to a matching persistent volume.</summary>
[KubernetesEntity("", "v1", "PersistentVolumeClaim", "persistentvolumeclaims", ShortNames = ["pvc"], Subresources = ["status"])]
public sealed class PersistentVolumeClaim : KubernetesObject
{
    /// <summary>What the user asks for.</summary>
    [Proto(2)] public PersistentVolumeClaimSpec? Spec { get; set; }
    /// <summary>The claim's binding state; read-only.</summary>
    [Proto(3)] public PersistentVolumeClaimStatus? Status { get; set; }
}

/// <summary>The storage a claim asks for.</summary>
public sealed class PersistentVolumeClaimSpec
{
    /// <summary>Access modes the volume must support.</summary>
    [Proto(1)] public List<string>? AccessModes { get; set; }
    /// <summary>Labels the bound volume must carry.</summary>
    [Proto(4)] public LabelSelector? Selector { get; set; }
    /// <summary>Minimum (and optionally maximum) storage the volume must have.</summary>
    [Proto(2)] public VolumeResourceRequirements? Resources { get; set; }
    /// <summary>Binds to this exact persistent volume.</summary>
    [Proto(3)] public string? VolumeName { get; set; }
    /// <summary>The storage class to provision from; "" means no class, unset means the default class.</summary>
    [Proto(5)] public string? StorageClassName { get; set; }
    /// <summary>Filesystem (default) or Block.</summary>
    [Proto(6)] public string? VolumeMode { get; set; }
    /// <summary>An existing snapshot or claim to populate the new volume from.</summary>
    [Proto(7)] public TypedLocalObjectReference? DataSource { get; set; }
    /// <summary>Any object (possibly in another namespace) that a volume populator fills the new volume from.</summary>
    [Proto(8)] public TypedObjectReference? DataSourceRef { get; set; }
    /// <summary>The VolumeAttributesClass to apply to the volume.</summary>
    [Proto(9)] public string? VolumeAttributesClassName { get; set; }
}

/// <summary>Points at an object of any API group, possibly in another namespace.</summary>
public sealed class TypedObjectReference
{
    /// <summary>API group of the object; empty for the core group.</summary>
    [Proto(1)] public string? ApiGroup { get; set; }
    [Proto(2)] public string? Kind { get; set; }
    [Proto(3)] public string? Name { get; set; }
    [Proto(4)] public string? Namespace { get; set; }
}

/// <summary>Progress of changing a claim's VolumeAttributesClass.</summary>
public sealed class ModifyVolumeStatus
{
    /// <summary>The class being applied.</summary>
    [Proto(1)] public string? TargetVolumeAttributesClassName { get; set; }
    /// <summary>Pending, InProgress or Infeasible.</summary>
    [Proto(2)] public string? Status { get; set; }
}

/// <summary>A condition of a claim, such as Resizing or FileSystemResizePending.</summary>
public sealed class PersistentVolumeClaimCondition
{
    [Proto(1)] public string? Type { get; set; }
    [Proto(2)] public string? Status { get; set; }
    /// <summary>When the condition was last checked.</summary>
    [Proto(3)] public DateTimeOffset? LastProbeTime { get; set; }
    /// <summary>When the condition last changed status.</summary>
    [Proto(4)] public DateTimeOffset? LastTransitionTime { get; set; }
    /// <summary>Machine-readable, CamelCase reason for the current state.</summary>
    [Proto(5)] public string? Reason { get; set; }
    /// <summary>Human-readable detail about the current state.</summary>
    [Proto(6)] public string? Message { get; set; }
}

/// <summary>The observed state of a claim.</summary>
public sealed class PersistentVolumeClaimStatus
{
    /// <summary>Pending, Bound or Lost.</summary>
    [Proto(1)] public string? Phase { get; set; }
    /// <summary>Access modes of the bound volume.</summary>
    [Proto(2)] public List<string>? AccessModes { get; set; }
    /// <summary>Actual resources of the bound volume.</summary>
    [Proto(3)] public Dictionary<string, Quantity>? Capacity { get; set; }
    /// <summary>Current conditions of the claim, e.g. while it is being resized.</summary>
    [Proto(4), PatchMerge("type")] public List<PersistentVolumeClaimCondition>? Conditions { get; set; }
    /// <summary>Resources granted to the claim, which may exceed the request during expansion.</summary>
    [Proto(5)] public Dictionary<string, Quantity>? AllocatedResources { get; set; }
    /// <summary>Progress of resizing, per resource.</summary>
    [Proto(7)] public Dictionary<string, string>? AllocatedResourceStatuses { get; set; }
    /// <summary>The VolumeAttributesClass currently applied to the volume.</summary>
    [Proto(8)] public string? CurrentVolumeAttributesClassName { get; set; }
    /// <summary>Progress of a VolumeAttributesClass change, if one is under way.</summary>
    [Proto(9)] public ModifyVolumeStatus? ModifyVolumeStatus { get; set; }
}

/// <summary>Storage a claim asks for.</summary>
public sealed class VolumeResourceRequirements
{
    /// <summary>The most storage the volume may have.</summary>
    [Proto(1)] public Dictionary<string, Quantity>? Limits { get; set; }
    /// <summary>The least storage the volume must have.</summary>
    [Proto(2)] public Dictionary<string, Quantity>? Requests { get; set; }
}

/// <summary>Points at an object of any API group in the same namespace.</summary>
public sealed class TypedLocalObjectReference
{
    /// <summary>API group of the object; empty for the core group.</summary>
    [Proto(1)] public string? ApiGroup { get; set; }
    /// <summary>Kind of the object.</summary>
    [Proto(2)] public string? Kind { get; set; }
    /// <summary>Name of the object.</summary>
    [Proto(3)] public string? Name { get; set; }
}
