namespace KubeSharp.Api.Core.V1;

/// <summary>A piece of storage in the cluster, provisioned by an administrator or dynamically through a storage class.</summary>
[KubernetesEntity("", "v1", "PersistentVolume", "persistentvolumes", Namespaced = false, ShortNames = ["pv"], Subresources = ["status"])]
public sealed class PersistentVolume : KubernetesObject
{
    /// <summary>The volume's capacity, access modes and backing storage.</summary>
    [Proto(2)] public PersistentVolumeSpec? Spec { get; set; }
    /// <summary>The volume's observed phase; read-only.</summary>
    [Proto(3)] public PersistentVolumeStatus? Status { get; set; }
}

/// <summary>Where a persistent volume's storage lives; exactly one source is set.</summary>
public class PersistentVolumeSource
{
    [Proto(1)] public GCEPersistentDiskVolumeSource? GcePersistentDisk { get; set; }
    [Proto(2)] public AWSElasticBlockStoreVolumeSource? AwsElasticBlockStore { get; set; }
    /// <summary>A directory on one node; for single-node testing only.</summary>
    [Proto(3)] public HostPathVolumeSource? HostPath { get; set; }
    [Proto(4)] public GlusterfsPersistentVolumeSource? Glusterfs { get; set; }
    /// <summary>An NFS export.</summary>
    [Proto(5)] public NFSVolumeSource? Nfs { get; set; }
    [Proto(6)] public RBDPersistentVolumeSource? Rbd { get; set; }
    [Proto(7)] public ISCSIPersistentVolumeSource? Iscsi { get; set; }
    [Proto(8)] public CinderPersistentVolumeSource? Cinder { get; set; }
    [Proto(9)] public CephFSPersistentVolumeSource? Cephfs { get; set; }
    [Proto(10)] public FCVolumeSource? Fc { get; set; }
    [Proto(11)] public FlockerVolumeSource? Flocker { get; set; }
    [Proto(12)] public FlexPersistentVolumeSource? FlexVolume { get; set; }
    [Proto(13)] public AzureFilePersistentVolumeSource? AzureFile { get; set; }
    [Proto(14)] public VsphereVirtualDiskVolumeSource? VsphereVolume { get; set; }
    [Proto(15)] public QuobyteVolumeSource? Quobyte { get; set; }
    [Proto(16)] public AzureDiskVolumeSource? AzureDisk { get; set; }
    [Proto(17)] public PhotonPersistentDiskVolumeSource? PhotonPersistentDisk { get; set; }
    [Proto(18)] public PortworxVolumeSource? PortworxVolume { get; set; }
    [Proto(19)] public ScaleIOPersistentVolumeSource? ScaleIO { get; set; }
    /// <summary>A local disk, partition or directory of one node.</summary>
    [Proto(20)] public LocalVolumeSource? Local { get; set; }
    [Proto(21)] public StorageOSPersistentVolumeSource? Storageos { get; set; }
    /// <summary>A volume managed by an external CSI driver.</summary>
    [Proto(22)] public CSIPersistentVolumeSource? Csi { get; set; }
}

/// <summary>The desired state of a persistent volume.</summary>
[ProtoBase(2)]
public sealed class PersistentVolumeSpec : PersistentVolumeSource
{
    /// <summary>The volume's resources, normally "storage".</summary>
    [Proto(1)] public Dictionary<string, Quantity>? Capacity { get; set; }
    /// <summary>How the volume can be mounted: ReadWriteOnce, ReadOnlyMany, ReadWriteMany, ReadWriteOncePod.</summary>
    [Proto(3)] public List<string>? AccessModes { get; set; }
    /// <summary>The claim bound to this volume (set by the binder, or by hand to reserve the volume).</summary>
    [Proto(4)] public ObjectReference? ClaimRef { get; set; }
    /// <summary>What happens when the claim is released: Retain (default for manual volumes), Delete or Recycle.</summary>
    [Proto(5)] public string? PersistentVolumeReclaimPolicy { get; set; }
    /// <summary>The storage class this volume belongs to; empty means none.</summary>
    [Proto(6)] public string? StorageClassName { get; set; }
    /// <summary>Extra mount options, passed through unvalidated.</summary>
    [Proto(7)] public List<string>? MountOptions { get; set; }
    /// <summary>Filesystem (default) or Block.</summary>
    [Proto(8)] public string? VolumeMode { get; set; }
    /// <summary>Nodes the volume can be reached from; pods using it are scheduled there.</summary>
    [Proto(9)] public VolumeNodeAffinity? NodeAffinity { get; set; }
    /// <summary>The VolumeAttributesClass (mutable storage parameters) of this volume.</summary>
    [Proto(10)] public string? VolumeAttributesClassName { get; set; }
}

/// <summary>Restricts which nodes can access a volume.</summary>
public sealed class VolumeNodeAffinity
{
    /// <summary>Nodes that must match for the volume to be usable.</summary>
    [Proto(1)] public NodeSelector? Required { get; set; }
}

/// <summary>The observed state of a persistent volume.</summary>
public sealed class PersistentVolumeStatus
{
    /// <summary>Pending, Available, Bound, Released or Failed.</summary>
    [Proto(1)] public string? Phase { get; set; }
    /// <summary>Human-readable detail about the current state.</summary>
    [Proto(2)] public string? Message { get; set; }
    /// <summary>Machine-readable, CamelCase reason for the current state.</summary>
    [Proto(3)] public string? Reason { get; set; }
    /// <summary>When the volume last changed phase.</summary>
    [Proto(4)] public DateTimeOffset? LastPhaseTransitionTime { get; set; }
}
