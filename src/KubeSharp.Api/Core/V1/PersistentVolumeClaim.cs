namespace KubeSharp.Api.Core.V1;

[KubernetesEntity("", "v1", "PersistentVolumeClaim", "persistentvolumeclaims", ShortNames = ["pvc"], Subresources = ["status"])]
public sealed class PersistentVolumeClaim : KubernetesObject
{
    [Proto(2)] public PersistentVolumeClaimSpec? Spec { get; set; }
    [Proto(3)] public PersistentVolumeClaimStatus? Status { get; set; }
}

public sealed class PersistentVolumeClaimSpec
{
    [Proto(1)] public List<string>? AccessModes { get; set; }
    [Proto(4)] public LabelSelector? Selector { get; set; }
    [Proto(2)] public VolumeResourceRequirements? Resources { get; set; }
    [Proto(3)] public string? VolumeName { get; set; }
    [Proto(5)] public string? StorageClassName { get; set; }
    [Proto(6)] public string? VolumeMode { get; set; }
    [Proto(7)] public TypedLocalObjectReference? DataSource { get; set; }
    [Proto(8)] public TypedObjectReference? DataSourceRef { get; set; }
    [Proto(9)] public string? VolumeAttributesClassName { get; set; }
}

public sealed class TypedObjectReference
{
    [Proto(1)] public string? ApiGroup { get; set; }
    [Proto(2)] public string? Kind { get; set; }
    [Proto(3)] public string? Name { get; set; }
    [Proto(4)] public string? Namespace { get; set; }
}

public sealed class ModifyVolumeStatus
{
    [Proto(1)] public string? TargetVolumeAttributesClassName { get; set; }
    [Proto(2)] public string? Status { get; set; }
}

public sealed class PersistentVolumeClaimCondition
{
    [Proto(1)] public string? Type { get; set; }
    [Proto(2)] public string? Status { get; set; }
    [Proto(3)] public DateTimeOffset? LastProbeTime { get; set; }
    [Proto(4)] public DateTimeOffset? LastTransitionTime { get; set; }
    [Proto(5)] public string? Reason { get; set; }
    [Proto(6)] public string? Message { get; set; }
}

public sealed class PersistentVolumeClaimStatus
{
    [Proto(1)] public string? Phase { get; set; }
    [Proto(2)] public List<string>? AccessModes { get; set; }
    [Proto(3)] public Dictionary<string, Quantity>? Capacity { get; set; }
    [Proto(4), PatchMerge("type")] public List<PersistentVolumeClaimCondition>? Conditions { get; set; }
    [Proto(5)] public Dictionary<string, Quantity>? AllocatedResources { get; set; }
    [Proto(7)] public Dictionary<string, string>? AllocatedResourceStatuses { get; set; }
    [Proto(8)] public string? CurrentVolumeAttributesClassName { get; set; }
    [Proto(9)] public ModifyVolumeStatus? ModifyVolumeStatus { get; set; }
}

public sealed class VolumeResourceRequirements
{
    [Proto(1)] public Dictionary<string, Quantity>? Limits { get; set; }
    [Proto(2)] public Dictionary<string, Quantity>? Requests { get; set; }
}

public sealed class TypedLocalObjectReference
{
    [Proto(1)] public string? ApiGroup { get; set; }
    [Proto(2)] public string? Kind { get; set; }
    [Proto(3)] public string? Name { get; set; }
}
