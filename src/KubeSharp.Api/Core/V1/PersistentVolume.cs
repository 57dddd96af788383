namespace KubeSharp.Api.Core.V1;

[KubernetesEntity("", "v1", "PersistentVolume", "persistentvolumes", Namespaced = false, ShortNames = ["pv"], Subresources = ["status"])]
public sealed class PersistentVolume : KubernetesObject
{
    [Proto(2)] public PersistentVolumeSpec? Spec { get; set; }
    [Proto(3)] public PersistentVolumeStatus? Status { get; set; }
}

public class PersistentVolumeSource
{
    [Proto(1)] public GCEPersistentDiskVolumeSource? GcePersistentDisk { get; set; }
    [Proto(2)] public AWSElasticBlockStoreVolumeSource? AwsElasticBlockStore { get; set; }
    [Proto(3)] public HostPathVolumeSource? HostPath { get; set; }
    [Proto(4)] public GlusterfsPersistentVolumeSource? Glusterfs { get; set; }
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
    [Proto(20)] public LocalVolumeSource? Local { get; set; }
    [Proto(21)] public StorageOSPersistentVolumeSource? Storageos { get; set; }
    [Proto(22)] public CSIPersistentVolumeSource? Csi { get; set; }
}

[ProtoBase(2)]
public sealed class PersistentVolumeSpec : PersistentVolumeSource
{
    [Proto(1)] public Dictionary<string, Quantity>? Capacity { get; set; }
    [Proto(3)] public List<string>? AccessModes { get; set; }
    [Proto(4)] public ObjectReference? ClaimRef { get; set; }
    [Proto(5)] public string? PersistentVolumeReclaimPolicy { get; set; }
    [Proto(6)] public string? StorageClassName { get; set; }
    [Proto(7)] public List<string>? MountOptions { get; set; }
    [Proto(8)] public string? VolumeMode { get; set; }
    [Proto(9)] public VolumeNodeAffinity? NodeAffinity { get; set; }
    [Proto(10)] public string? VolumeAttributesClassName { get; set; }
}

public sealed class VolumeNodeAffinity
{
    [Proto(1)] public NodeSelector? Required { get; set; }
}

public sealed class PersistentVolumeStatus
{
    [Proto(1)] public string? Phase { get; set; }
    [Proto(2)] public string? Message { get; set; }
    [Proto(3)] public string? Reason { get; set; }
    [Proto(4)] public DateTimeOffset? LastPhaseTransitionTime { get; set; }
}
