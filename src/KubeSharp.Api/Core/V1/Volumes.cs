namespace KubeSharp.Api.Core.V1;

[ProtoBase(2)]
public sealed class Volume : VolumeSource
{
    [Proto(1)] public string? Name { get; set; }
}

public class VolumeSource
{
    [Proto(1)] public HostPathVolumeSource? HostPath { get; set; }
    [Proto(2)] public EmptyDirVolumeSource? EmptyDir { get; set; }
    [Proto(3)] public GCEPersistentDiskVolumeSource? GcePersistentDisk { get; set; }
    [Proto(4)] public AWSElasticBlockStoreVolumeSource? AwsElasticBlockStore { get; set; }
    [Proto(5)] public GitRepoVolumeSource? GitRepo { get; set; }
    [Proto(6)] public SecretVolumeSource? Secret { get; set; }
    [Proto(7)] public NFSVolumeSource? Nfs { get; set; }
    [Proto(8)] public ISCSIVolumeSource? Iscsi { get; set; }
    [Proto(9)] public GlusterfsVolumeSource? Glusterfs { get; set; }
    [Proto(10)] public PersistentVolumeClaimVolumeSource? PersistentVolumeClaim { get; set; }
    [Proto(11)] public RBDVolumeSource? Rbd { get; set; }
    [Proto(12)] public FlexVolumeSource? FlexVolume { get; set; }
    [Proto(13)] public CinderVolumeSource? Cinder { get; set; }
    [Proto(14)] public CephFSVolumeSource? Cephfs { get; set; }
    [Proto(15)] public FlockerVolumeSource? Flocker { get; set; }
    [Proto(16)] public DownwardAPIVolumeSource? DownwardAPI { get; set; }
    [Proto(17)] public FCVolumeSource? Fc { get; set; }
    [Proto(18)] public AzureFileVolumeSource? AzureFile { get; set; }
    [Proto(19)] public ConfigMapVolumeSource? ConfigMap { get; set; }
    [Proto(20)] public VsphereVirtualDiskVolumeSource? VsphereVolume { get; set; }
    [Proto(21)] public QuobyteVolumeSource? Quobyte { get; set; }
    [Proto(22)] public AzureDiskVolumeSource? AzureDisk { get; set; }
    [Proto(23)] public PhotonPersistentDiskVolumeSource? PhotonPersistentDisk { get; set; }
    [Proto(26)] public ProjectedVolumeSource? Projected { get; set; }
    [Proto(24)] public PortworxVolumeSource? PortworxVolume { get; set; }
    [Proto(25)] public ScaleIOVolumeSource? ScaleIO { get; set; }
    [Proto(27)] public StorageOSVolumeSource? Storageos { get; set; }
    [Proto(28)] public CSIVolumeSource? Csi { get; set; }
    [Proto(29)] public EphemeralVolumeSource? Ephemeral { get; set; }
    [Proto(30)] public ImageVolumeSource? Image { get; set; }
}

public sealed class PersistentVolumeClaimVolumeSource
{
    [Proto(1)] public string? ClaimName { get; set; }
    [Proto(2)] public bool? ReadOnly { get; set; }
}

public sealed class HostPathVolumeSource
{
    [Proto(1)] public string? Path { get; set; }
    [Proto(2)] public string? Type { get; set; }
}

public sealed class EmptyDirVolumeSource
{
    [Proto(1)] public string? Medium { get; set; }
    [Proto(2)] public Quantity? SizeLimit { get; set; }
}

public sealed class GlusterfsVolumeSource
{
    [Proto(1)] public string? Endpoints { get; set; }
    [Proto(2)] public string? Path { get; set; }
    [Proto(3)] public bool? ReadOnly { get; set; }
}

public sealed class GlusterfsPersistentVolumeSource
{
    [Proto(1)] public string? Endpoints { get; set; }
    [Proto(2)] public string? Path { get; set; }
    [Proto(3)] public bool? ReadOnly { get; set; }
    [Proto(4)] public string? EndpointsNamespace { get; set; }
}

public sealed class RBDVolumeSource
{
    [Proto(1)] public List<string>? Monitors { get; set; }
    [Proto(2)] public string? Image { get; set; }
    [Proto(3)] public string? FsType { get; set; }
    [Proto(4)] public string? Pool { get; set; }
    [Proto(5)] public string? User { get; set; }
    [Proto(6)] public string? Keyring { get; set; }
    [Proto(7)] public LocalObjectReference? SecretRef { get; set; }
    [Proto(8)] public bool? ReadOnly { get; set; }
}

public sealed class RBDPersistentVolumeSource
{
    [Proto(1)] public List<string>? Monitors { get; set; }
    [Proto(2)] public string? Image { get; set; }
    [Proto(3)] public string? FsType { get; set; }
    [Proto(4)] public string? Pool { get; set; }
    [Proto(5)] public string? User { get; set; }
    [Proto(6)] public string? Keyring { get; set; }
    [Proto(7)] public SecretReference? SecretRef { get; set; }
    [Proto(8)] public bool? ReadOnly { get; set; }
}

public sealed class CinderVolumeSource
{
    [Proto(1)] public string? VolumeID { get; set; }
    [Proto(2)] public string? FsType { get; set; }
    [Proto(3)] public bool? ReadOnly { get; set; }
    [Proto(4)] public LocalObjectReference? SecretRef { get; set; }
}

public sealed class CinderPersistentVolumeSource
{
    [Proto(1)] public string? VolumeID { get; set; }
    [Proto(2)] public string? FsType { get; set; }
    [Proto(3)] public bool? ReadOnly { get; set; }
    [Proto(4)] public SecretReference? SecretRef { get; set; }
}

public sealed class CephFSVolumeSource
{
    [Proto(1)] public List<string>? Monitors { get; set; }
    [Proto(2)] public string? Path { get; set; }
    [Proto(3)] public string? User { get; set; }
    [Proto(4)] public string? SecretFile { get; set; }
    [Proto(5)] public LocalObjectReference? SecretRef { get; set; }
    [Proto(6)] public bool? ReadOnly { get; set; }
}

public sealed class CephFSPersistentVolumeSource
{
    [Proto(1)] public List<string>? Monitors { get; set; }
    [Proto(2)] public string? Path { get; set; }
    [Proto(3)] public string? User { get; set; }
    [Proto(4)] public string? SecretFile { get; set; }
    [Proto(5)] public SecretReference? SecretRef { get; set; }
    [Proto(6)] public bool? ReadOnly { get; set; }
}

public sealed class FlockerVolumeSource
{
    [Proto(1)] public string? DatasetName { get; set; }
    [Proto(2)] public string? DatasetUUID { get; set; }
}

public sealed class GCEPersistentDiskVolumeSource
{
    [Proto(1)] public string? PdName { get; set; }
    [Proto(2)] public string? FsType { get; set; }
    [Proto(3)] public int? Partition { get; set; }
    [Proto(4)] public bool? ReadOnly { get; set; }
}

public sealed class QuobyteVolumeSource
{
    [Proto(1)] public string? Registry { get; set; }
    [Proto(2)] public string? Volume { get; set; }
    [Proto(3)] public bool? ReadOnly { get; set; }
    [Proto(4)] public string? User { get; set; }
    [Proto(5)] public string? Group { get; set; }
    [Proto(6)] public string? Tenant { get; set; }
}

public sealed class FlexPersistentVolumeSource
{
    [Proto(1)] public string? Driver { get; set; }
    [Proto(2)] public string? FsType { get; set; }
    [Proto(3)] public SecretReference? SecretRef { get; set; }
    [Proto(4)] public bool? ReadOnly { get; set; }
    [Proto(5)] public Dictionary<string, string>? Options { get; set; }
}

public sealed class FlexVolumeSource
{
    [Proto(1)] public string? Driver { get; set; }
    [Proto(2)] public string? FsType { get; set; }
    [Proto(3)] public LocalObjectReference? SecretRef { get; set; }
    [Proto(4)] public bool? ReadOnly { get; set; }
    [Proto(5)] public Dictionary<string, string>? Options { get; set; }
}

public sealed class AWSElasticBlockStoreVolumeSource
{
    [Proto(1)] public string? VolumeID { get; set; }
    [Proto(2)] public string? FsType { get; set; }
    [Proto(3)] public int? Partition { get; set; }
    [Proto(4)] public bool? ReadOnly { get; set; }
}

public sealed class GitRepoVolumeSource
{
    [Proto(1)] public string? Repository { get; set; }
    [Proto(2)] public string? Revision { get; set; }
    [Proto(3)] public string? Directory { get; set; }
}

public sealed class SecretVolumeSource
{
    [Proto(1)] public string? SecretName { get; set; }
    [Proto(2)] public List<KeyToPath>? Items { get; set; }
    [Proto(3)] public int? DefaultMode { get; set; }
    [Proto(4)] public bool? Optional { get; set; }
}

[ProtoBase(1)]
public sealed class SecretProjection : LocalObjectReference
{
    [Proto(2)] public List<KeyToPath>? Items { get; set; }
    [Proto(4)] public bool? Optional { get; set; }
}

public sealed class NFSVolumeSource
{
    [Proto(1)] public string? Server { get; set; }
    [Proto(2)] public string? Path { get; set; }
    [Proto(3)] public bool? ReadOnly { get; set; }
}

public sealed class ISCSIVolumeSource
{
    [Proto(1)] public string? TargetPortal { get; set; }
    [Proto(2)] public string? Iqn { get; set; }
    [Proto(3)] public int? Lun { get; set; }
    [Proto(4)] public string? IscsiInterface { get; set; }
    [Proto(5)] public string? FsType { get; set; }
    [Proto(6)] public bool? ReadOnly { get; set; }
    [Proto(7)] public List<string>? Portals { get; set; }
    [Proto(8)] public bool? ChapAuthDiscovery { get; set; }
    [Proto(11)] public bool? ChapAuthSession { get; set; }
    [Proto(10)] public LocalObjectReference? SecretRef { get; set; }
    [Proto(12)] public string? InitiatorName { get; set; }
}

public sealed class ISCSIPersistentVolumeSource
{
    [Proto(1)] public string? TargetPortal { get; set; }
    [Proto(2)] public string? Iqn { get; set; }
    [Proto(3)] public int? Lun { get; set; }
    [Proto(4)] public string? IscsiInterface { get; set; }
    [Proto(5)] public string? FsType { get; set; }
    [Proto(6)] public bool? ReadOnly { get; set; }
    [Proto(7)] public List<string>? Portals { get; set; }
    [Proto(8)] public bool? ChapAuthDiscovery { get; set; }
    [Proto(11)] public bool? ChapAuthSession { get; set; }
    [Proto(10)] public SecretReference? SecretRef { get; set; }
    [Proto(12)] public string? InitiatorName { get; set; }
}

public sealed class FCVolumeSource
{
    [Proto(1)] public List<string>? TargetWWNs { get; set; }
    [Proto(2)] public int? Lun { get; set; }
    [Proto(3)] public string? FsType { get; set; }
    [Proto(4)] public bool? ReadOnly { get; set; }
    [Proto(5)] public List<string>? Wwids { get; set; }
}

public sealed class AzureFileVolumeSource
{
    [Proto(1)] public string? SecretName { get; set; }
    [Proto(2)] public string? ShareName { get; set; }
    [Proto(3)] public bool? ReadOnly { get; set; }
}

public sealed class AzureFilePersistentVolumeSource
{
    [Proto(1)] public string? SecretName { get; set; }
    [Proto(2)] public string? ShareName { get; set; }
    [Proto(3)] public bool? ReadOnly { get; set; }
    [Proto(4)] public string? SecretNamespace { get; set; }
}

public sealed class VsphereVirtualDiskVolumeSource
{
    [Proto(1)] public string? VolumePath { get; set; }
    [Proto(2)] public string? FsType { get; set; }
    [Proto(3)] public string? StoragePolicyName { get; set; }
    [Proto(4)] public string? StoragePolicyID { get; set; }
}

public sealed class PhotonPersistentDiskVolumeSource
{
    [Proto(1)] public string? PdID { get; set; }
    [Proto(2)] public string? FsType { get; set; }
}

public sealed class AzureDiskVolumeSource
{
    [Proto(1)] public string? DiskName { get; set; }
    [Proto(2)] public string? DiskURI { get; set; }
    [Proto(3)] public string? CachingMode { get; set; }
    [Proto(4)] public string? FsType { get; set; }
    [Proto(5)] public bool? ReadOnly { get; set; }
    [Proto(6)] public string? Kind { get; set; }
}

public sealed class PortworxVolumeSource
{
    [Proto(1)] public string? VolumeID { get; set; }
    [Proto(2)] public string? FsType { get; set; }
    [Proto(3)] public bool? ReadOnly { get; set; }
}

public sealed class ScaleIOVolumeSource
{
    [Proto(1)] public string? Gateway { get; set; }
    [Proto(2)] public string? System { get; set; }
    [Proto(3)] public LocalObjectReference? SecretRef { get; set; }
    [Proto(4)] public bool? SslEnabled { get; set; }
    [Proto(5)] public string? ProtectionDomain { get; set; }
    [Proto(6)] public string? StoragePool { get; set; }
    [Proto(7)] public string? StorageMode { get; set; }
    [Proto(8)] public string? VolumeName { get; set; }
    [Proto(9)] public string? FsType { get; set; }
    [Proto(10)] public bool? ReadOnly { get; set; }
}

public sealed class ScaleIOPersistentVolumeSource
{
    [Proto(1)] public string? Gateway { get; set; }
    [Proto(2)] public string? System { get; set; }
    [Proto(3)] public SecretReference? SecretRef { get; set; }
    [Proto(4)] public bool? SslEnabled { get; set; }
    [Proto(5)] public string? ProtectionDomain { get; set; }
    [Proto(6)] public string? StoragePool { get; set; }
    [Proto(7)] public string? StorageMode { get; set; }
    [Proto(8)] public string? VolumeName { get; set; }
    [Proto(9)] public string? FsType { get; set; }
    [Proto(10)] public bool? ReadOnly { get; set; }
}

public sealed class StorageOSVolumeSource
{
    [Proto(1)] public string? VolumeName { get; set; }
    [Proto(2)] public string? VolumeNamespace { get; set; }
    [Proto(3)] public string? FsType { get; set; }
    [Proto(4)] public bool? ReadOnly { get; set; }
    [Proto(5)] public LocalObjectReference? SecretRef { get; set; }
}

public sealed class StorageOSPersistentVolumeSource
{
    [Proto(1)] public string? VolumeName { get; set; }
    [Proto(2)] public string? VolumeNamespace { get; set; }
    [Proto(3)] public string? FsType { get; set; }
    [Proto(4)] public bool? ReadOnly { get; set; }
    [Proto(5)] public ObjectReference? SecretRef { get; set; }
}

[ProtoBase(1)]
public sealed class ConfigMapVolumeSource : LocalObjectReference
{
    [Proto(2)] public List<KeyToPath>? Items { get; set; }
    [Proto(3)] public int? DefaultMode { get; set; }
    [Proto(4)] public bool? Optional { get; set; }
}

[ProtoBase(1)]
public sealed class ConfigMapProjection : LocalObjectReference
{
    [Proto(2)] public List<KeyToPath>? Items { get; set; }
    [Proto(4)] public bool? Optional { get; set; }
}

public sealed class ServiceAccountTokenProjection
{
    [Proto(1)] public string? Audience { get; set; }
    [Proto(2)] public long? ExpirationSeconds { get; set; }
    [Proto(3)] public string? Path { get; set; }
}

public sealed class ClusterTrustBundleProjection
{
    [Proto(1)] public string? Name { get; set; }
    [Proto(2)] public string? SignerName { get; set; }
    [Proto(3)] public LabelSelector? LabelSelector { get; set; }
    [Proto(5)] public bool? Optional { get; set; }
    [Proto(4)] public string? Path { get; set; }
}

public sealed class ProjectedVolumeSource
{
    [Proto(1)] public List<VolumeProjection>? Sources { get; set; }
    [Proto(2)] public int? DefaultMode { get; set; }
}

public sealed class VolumeProjection
{
    [Proto(1)] public SecretProjection? Secret { get; set; }
    [Proto(2)] public DownwardAPIProjection? DownwardAPI { get; set; }
    [Proto(3)] public ConfigMapProjection? ConfigMap { get; set; }
    [Proto(4)] public ServiceAccountTokenProjection? ServiceAccountToken { get; set; }
    [Proto(5)] public ClusterTrustBundleProjection? ClusterTrustBundle { get; set; }
}

public sealed class KeyToPath
{
    [Proto(1)] public string? Key { get; set; }
    [Proto(2)] public string? Path { get; set; }
    [Proto(3)] public int? Mode { get; set; }
}

public sealed class LocalVolumeSource
{
    [Proto(1)] public string? Path { get; set; }
    [Proto(2)] public string? FsType { get; set; }
}

public sealed class CSIPersistentVolumeSource
{
    [Proto(1)] public string? Driver { get; set; }
    [Proto(2)] public string? VolumeHandle { get; set; }
    [Proto(3)] public bool? ReadOnly { get; set; }
    [Proto(4)] public string? FsType { get; set; }
    [Proto(5)] public Dictionary<string, string>? VolumeAttributes { get; set; }
    [Proto(6)] public SecretReference? ControllerPublishSecretRef { get; set; }
    [Proto(7)] public SecretReference? NodeStageSecretRef { get; set; }
    [Proto(8)] public SecretReference? NodePublishSecretRef { get; set; }
    [Proto(9)] public SecretReference? ControllerExpandSecretRef { get; set; }
    [Proto(10)] public SecretReference? NodeExpandSecretRef { get; set; }
}

public sealed class CSIVolumeSource
{
    [Proto(1)] public string? Driver { get; set; }
    [Proto(2)] public bool? ReadOnly { get; set; }
    [Proto(3)] public string? FsType { get; set; }
    [Proto(4)] public Dictionary<string, string>? VolumeAttributes { get; set; }
    [Proto(5)] public LocalObjectReference? NodePublishSecretRef { get; set; }
}

public sealed class EphemeralVolumeSource
{
    [Proto(1)] public PersistentVolumeClaimTemplate? VolumeClaimTemplate { get; set; }
}

public sealed class PersistentVolumeClaimTemplate
{
    [Proto(1)] public ObjectMeta? Metadata { get; set; }
    [Proto(2)] public PersistentVolumeClaimSpec? Spec { get; set; }
}

public sealed class DownwardAPIVolumeSource
{
    [Proto(1)] public List<DownwardAPIVolumeFile>? Items { get; set; }
    [Proto(2)] public int? DefaultMode { get; set; }
}

public sealed class DownwardAPIVolumeFile
{
    [Proto(1)] public string? Path { get; set; }
    [Proto(2)] public ObjectFieldSelector? FieldRef { get; set; }
    [Proto(3)] public ResourceFieldSelector? ResourceFieldRef { get; set; }
    [Proto(4)] public int? Mode { get; set; }
}

public sealed class DownwardAPIProjection
{
    [Proto(1)] public List<DownwardAPIVolumeFile>? Items { get; set; }
}

public sealed class ImageVolumeSource
{
    [Proto(1)] public string? Reference { get; set; }
    [Proto(2)] public string? PullPolicy { get; set; }
}
