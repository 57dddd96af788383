using KubeSharp.Api.Core.V1;
using KubeSharp.Api.Storage.V1;

namespace KubeSharp.ApiServer.Printing.Printers;

internal sealed class PersistentVolumePrinter : TypedTablePrinter<PersistentVolume>
{
    /// <summary>The storage class annotation that predates spec.storageClassName and still wins over it.</summary>
    internal const string BetaStorageClassAnnotation = "volume.beta.kubernetes.io/storage-class";

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        NameColumn,
        Column("Capacity", "string", "capacity is the description of the persistent volume's resources and capacity."),
        Column("Access Modes", "string", "accessModes contains all ways the volume can be mounted."),
        Column("Reclaim Policy", "string", "persistentVolumeReclaimPolicy defines what happens to a persistent volume when released from its claim."),
        Column("Status", "string", "phase indicates if a volume is available, bound to a claim, or released by a claim."),
        Column("Claim", "string", "claimRef is part of a bi-directional binding between PersistentVolume and PersistentVolumeClaim."),
        Column("StorageClass", "string", "StorageClass of the pv"),
        Column("VolumeAttributesClass", "string", "VolumeAttributesClass of the pv"),
        Column("Reason", "string", "reason is a brief CamelCase string that describes any failure and is meant for machine parsing and tidy display in the CLI."),
        AgeColumn,
        Wide("VolumeMode", "volumeMode defines if a volume is intended to be used with a formatted filesystem or to remain in raw block state."),
    ];

    protected override IReadOnlyList<object?> Row(PersistentVolume obj, DateTimeOffset now)
    {
        var spec = obj.Spec ?? new PersistentVolumeSpec();
        var claim = spec.ClaimRef is { } c ? $"{c.Namespace}/{c.Name}" : "";
        var phase = obj.Metadata?.DeletionTimestamp is not null ? "Terminating" : obj.Status?.Phase ?? "";
        var storageClass = obj.Metadata?.Annotations?.GetValueOrDefault(BetaStorageClassAnnotation) ?? spec.StorageClassName ?? "";
        return
        [
            obj.Metadata?.Name,
            CellFormat.Quantity(spec.Capacity, "storage"),
            CellFormat.AccessModes(spec.AccessModes),
            spec.PersistentVolumeReclaimPolicy ?? "",
            phase,
            claim,
            storageClass,
            spec.VolumeAttributesClassName ?? CellFormat.Unset,
            obj.Status?.Reason ?? "",
            Age(obj.Metadata?.CreationTimestamp, now),
            spec.VolumeMode ?? CellFormat.Unset,
        ];
    }
}

internal sealed class PersistentVolumeClaimPrinter : TypedTablePrinter<PersistentVolumeClaim>
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        NameColumn,
        Column("Status", "string", "phase represents the current phase of PersistentVolumeClaim."),
        Column("Volume", "string", "volumeName is the binding reference to the PersistentVolume backing this claim."),
        Column("Capacity", "string", "capacity represents the actual resources of the underlying volume."),
        Column("Access Modes", "string", "accessModes contains the actual access modes the volume backing the PVC has."),
        Column("StorageClass", "string", "StorageClass of the pvc"),
        Column("VolumeAttributesClass", "string", "VolumeAttributesClass of the pvc"),
        AgeColumn,
        Wide("VolumeMode", "volumeMode defines what type of volume is required by the claim."),
    ];

    protected override IReadOnlyList<object?> Row(PersistentVolumeClaim obj, DateTimeOffset now)
    {
        var spec = obj.Spec ?? new PersistentVolumeClaimSpec();
        var phase = obj.Metadata?.DeletionTimestamp is not null ? "Terminating" : obj.Status?.Phase ?? "";
        var capacity = "";
        var accessModes = "";
        if (!string.IsNullOrEmpty(spec.VolumeName))
        {
            accessModes = CellFormat.AccessModes(obj.Status?.AccessModes);
            capacity = CellFormat.Quantity(obj.Status?.Capacity, "storage");
        }

        var storageClass = obj.Metadata?.Annotations?.GetValueOrDefault(PersistentVolumePrinter.BetaStorageClassAnnotation) ?? spec.StorageClassName ?? "";
        return
        [
            obj.Metadata?.Name,
            phase,
            spec.VolumeName ?? "",
            capacity,
            accessModes,
            storageClass,
            spec.VolumeAttributesClassName ?? CellFormat.Unset,
            Age(obj.Metadata?.CreationTimestamp, now),
            spec.VolumeMode ?? CellFormat.Unset,
        ];
    }
}

internal sealed class StorageClassPrinter : TypedTablePrinter<StorageClass>
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        NameColumn,
        Column("Provisioner", "string", "provisioner indicates the type of the provisioner."),
        Column("ReclaimPolicy", "string", "reclaimPolicy controls the reclaimPolicy for dynamically provisioned PersistentVolumes of this storage class. Defaults to Delete."),
        Column("VolumeBindingMode", "string", "volumeBindingMode indicates how PersistentVolumeClaims should be provisioned and bound. When unset, VolumeBindingImmediate is used."),
        Column("AllowVolumeExpansion", "string", "allowVolumeExpansion shows whether the storage class allow volume expand."),
        AgeColumn,
    ];

    protected override IReadOnlyList<object?> Row(StorageClass obj, DateTimeOffset now)
    {
        var name = obj.Metadata?.Name ?? "";
        if (IsDefault(obj))
        {
            name += " (default)";
        }

        return
        [
            name,
            obj.Provisioner ?? "",
            obj.ReclaimPolicy ?? "Delete",
            obj.VolumeBindingMode ?? "Immediate",
            obj.AllowVolumeExpansion ?? false,
            Age(obj.Metadata?.CreationTimestamp, now),
        ];
    }

    /// <summary>Whether the class is marked the cluster default (GA or beta annotation set to "true").</summary>
    internal static bool IsDefault(StorageClass storageClass)
    {
        var annotations = storageClass.Metadata?.Annotations;
        return annotations?.GetValueOrDefault("storageclass.kubernetes.io/is-default-class") == "true"
            || annotations?.GetValueOrDefault("storageclass.beta.kubernetes.io/is-default-class") == "true";
    }
}

internal sealed class CSIDriverPrinter : TypedTablePrinter<CSIDriver>
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        NameColumn,
        Column("AttachRequired", "boolean", "attachRequired indicates this CSI volume driver requires an attach operation."),
        Column("PodInfoOnMount", "boolean", "podInfoOnMount indicates this CSI volume driver requires additional pod information (like podName, podUID, etc.) during mount operations."),
        Column("StorageCapacity", "boolean", "storageCapacity indicates that the CSI volume driver wants pod scheduling to consider the storage capacity that the driver deployment will report."),
        Column("TokenRequests", "string", "tokenRequests indicates the CSI driver needs pods' service account tokens it is mounting volume for to do necessary authentication."),
        Column("RequiresRepublish", "boolean", "requiresRepublish indicates the CSI driver wants NodePublishVolume being periodically called to reflect any possible change in the mounted volume."),
        Column("Modes", "string", "volumeLifecycleModes defines what kind of volumes this CSI volume driver supports."),
        AgeColumn,
    ];

    protected override IReadOnlyList<object?> Row(CSIDriver obj, DateTimeOffset now)
    {
        var spec = obj.Spec ?? new CSIDriverSpec();
        var modes = string.Join(",", spec.VolumeLifecycleModes ?? []);
        return
        [
            obj.Metadata?.Name,
            spec.AttachRequired ?? true,
            spec.PodInfoOnMount ?? false,
            spec.StorageCapacity ?? false,
            spec.TokenRequests is { } tokens ? string.Join(",", tokens.Select(t => t.Audience ?? "")) : CellFormat.Unset,
            spec.RequiresRepublish ?? false,
            modes.Length == 0 ? CellFormat.None : modes,
            Age(obj.Metadata?.CreationTimestamp, now),
        ];
    }
}

internal sealed class CSINodePrinter : TypedTablePrinter<CSINode>
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        NameColumn,
        Column("Drivers", "integer", "Drivers indicates the number of CSI drivers registered on the node"),
        AgeColumn,
    ];

    protected override IReadOnlyList<object?> Row(CSINode obj, DateTimeOffset now) =>
        [obj.Metadata?.Name, (long)(obj.Spec?.Drivers?.Count ?? 0), Age(obj.Metadata?.CreationTimestamp, now)];
}

internal sealed class VolumeAttachmentPrinter : TypedTablePrinter<VolumeAttachment>
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        NameColumn,
        new("Attacher", "string", "attacher indicates the name of the volume driver that MUST handle this request.", 0, "name"),
        Column("PV", "string", "persistentVolumeName represents the name of the persistent volume to attach."),
        Column("Node", "string", "nodeName represents the node that the volume should be attached to."),
        Column("Attached", "boolean", "attached indicates the volume is successfully attached."),
        AgeColumn,
    ];

    protected override IReadOnlyList<object?> Row(VolumeAttachment obj, DateTimeOffset now) =>
    [
        obj.Metadata?.Name,
        obj.Spec?.Attacher ?? "",
        obj.Spec?.Source?.PersistentVolumeName ?? "",
        obj.Spec?.NodeName ?? "",
        obj.Status?.Attached ?? false,
        Age(obj.Metadata?.CreationTimestamp, now),
    ];
}

internal sealed class CSIStorageCapacityPrinter : TypedTablePrinter<CSIStorageCapacity>
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        NameColumn,
        Column("StorageClassName", "string", "The name of the StorageClass that the reported capacity applies to."),
        Column("Capacity", "string", "The value reported by the CSI driver in its GetCapacityResponse."),
    ];

    protected override IReadOnlyList<object?> Row(CSIStorageCapacity obj, DateTimeOffset now) =>
    [
        obj.Metadata?.Name,
        obj.StorageClassName ?? "",
        obj.Capacity is { } capacity ? capacity.ToString() : CellFormat.Unset,
    ];
}
