namespace KubeSharp.Api.Core.V1;

/// <summary>A named volume that containers of the pod can mount.</summary>
[ProtoBase(2)]
public sealed class Volume : VolumeSource
{
    /// <summary>Name of the volume; volume mounts refer to it. Unique within the pod.</summary>
    [Proto(1)] public string? Name { get; set; }
}

/// <summary>Where a volume's data comes from; exactly one source is set.</summary>
public class VolumeSource
{
    /// <summary>A directory or file on the node's filesystem.</summary>
    [Proto(1)] public HostPathVolumeSource? HostPath { get; set; }
    /// <summary>A scratch directory that lives as long as the pod.</summary>
    [Proto(2)] public EmptyDirVolumeSource? EmptyDir { get; set; }
    /// <summary>Deprecated: a GCE persistent disk (served by the CSI driver now).</summary>
    [Proto(3)] public GCEPersistentDiskVolumeSource? GcePersistentDisk { get; set; }
    /// <summary>Deprecated: an AWS EBS volume (served by the CSI driver now).</summary>
    [Proto(4)] public AWSElasticBlockStoreVolumeSource? AwsElasticBlockStore { get; set; }
    /// <summary>Deprecated: a directory cloned from a git repository when the pod starts.</summary>
    [Proto(5)] public GitRepoVolumeSource? GitRepo { get; set; }
    /// <summary>Files made from the keys of a Secret.</summary>
    [Proto(6)] public SecretVolumeSource? Secret { get; set; }
    /// <summary>An NFS export.</summary>
    [Proto(7)] public NFSVolumeSource? Nfs { get; set; }
    /// <summary>An iSCSI disk.</summary>
    [Proto(8)] public ISCSIVolumeSource? Iscsi { get; set; }
    /// <summary>Removed in 1.25: a GlusterFS volume.</summary>
    [Proto(9)] public GlusterfsVolumeSource? Glusterfs { get; set; }
    /// <summary>A PersistentVolumeClaim in the pod's namespace.</summary>
    [Proto(10)] public PersistentVolumeClaimVolumeSource? PersistentVolumeClaim { get; set; }
    /// <summary>Deprecated: a Ceph RBD image.</summary>
    [Proto(11)] public RBDVolumeSource? Rbd { get; set; }
    /// <summary>Deprecated: a volume attached by a FlexVolume driver.</summary>
    [Proto(12)] public FlexVolumeSource? FlexVolume { get; set; }
    /// <summary>Deprecated: an OpenStack Cinder volume.</summary>
    [Proto(13)] public CinderVolumeSource? Cinder { get; set; }
    /// <summary>Deprecated: a CephFS mount.</summary>
    [Proto(14)] public CephFSVolumeSource? Cephfs { get; set; }
    /// <summary>Deprecated: a Flocker dataset.</summary>
    [Proto(15)] public FlockerVolumeSource? Flocker { get; set; }
    /// <summary>Files holding information about the pod itself.</summary>
    [Proto(16)] public DownwardAPIVolumeSource? DownwardAPI { get; set; }
    /// <summary>A Fibre Channel disk.</summary>
    [Proto(17)] public FCVolumeSource? Fc { get; set; }
    /// <summary>Deprecated: an Azure File share.</summary>
    [Proto(18)] public AzureFileVolumeSource? AzureFile { get; set; }
    /// <summary>Files made from the keys of a ConfigMap.</summary>
    [Proto(19)] public ConfigMapVolumeSource? ConfigMap { get; set; }
    /// <summary>Deprecated: a vSphere virtual disk.</summary>
    [Proto(20)] public VsphereVirtualDiskVolumeSource? VsphereVolume { get; set; }
    /// <summary>Deprecated: a Quobyte volume.</summary>
    [Proto(21)] public QuobyteVolumeSource? Quobyte { get; set; }
    /// <summary>Deprecated: an Azure data disk.</summary>
    [Proto(22)] public AzureDiskVolumeSource? AzureDisk { get; set; }
    /// <summary>Deprecated: a Photon Controller disk.</summary>
    [Proto(23)] public PhotonPersistentDiskVolumeSource? PhotonPersistentDisk { get; set; }
    /// <summary>Several sources (secrets, config maps, downward API, tokens, trust bundles) merged into one directory.</summary>
    [Proto(26)] public ProjectedVolumeSource? Projected { get; set; }
    /// <summary>Deprecated: a Portworx volume.</summary>
    [Proto(24)] public PortworxVolumeSource? PortworxVolume { get; set; }
    /// <summary>Deprecated: a ScaleIO volume.</summary>
    [Proto(25)] public ScaleIOVolumeSource? ScaleIO { get; set; }
    /// <summary>Deprecated: a StorageOS volume.</summary>
    [Proto(27)] public StorageOSVolumeSource? Storageos { get; set; }
    /// <summary>An inline volume provided by a CSI driver that supports ephemeral volumes.</summary>
    [Proto(28)] public CSIVolumeSource? Csi { get; set; }
    /// <summary>A volume from a claim created for this pod and deleted with it.</summary>
    [Proto(29)] public EphemeralVolumeSource? Ephemeral { get; set; }
    /// <summary>The contents of an OCI image or artifact, mounted read-only.</summary>
    [Proto(30)] public ImageVolumeSource? Image { get; set; }
}

/// <summary>Mounts the volume bound to a claim.</summary>
public sealed class PersistentVolumeClaimVolumeSource
{
    /// <summary>Name of the claim in the pod's namespace.</summary>
    [Proto(1)] public string? ClaimName { get; set; }
    /// <summary>Mount the volume read-only when true.</summary>
    [Proto(2)] public bool? ReadOnly { get; set; }
}

/// <summary>A file or directory on the node mapped into the pod.</summary>
public sealed class HostPathVolumeSource
{
    /// <summary>Path on the node; a symlink is followed.</summary>
    [Proto(1)] public string? Path { get; set; }
    /// <summary>What must exist at the path: "" (no check), DirectoryOrCreate, Directory, FileOrCreate, File, Socket, CharDevice, BlockDevice.</summary>
    [Proto(2)] public string? Type { get; set; }
}

/// <summary>An initially empty directory that shares the pod's lifetime.</summary>
public sealed class EmptyDirVolumeSource
{
    /// <summary>Storage medium: "" for the node's disk or "Memory" for tmpfs.</summary>
    [Proto(1)] public string? Medium { get; set; }
    /// <summary>Most the directory may hold; the pod is evicted beyond it.</summary>
    [Proto(2)] public Quantity? SizeLimit { get; set; }
}

/// <summary>A GlusterFS mount (no longer supported).</summary>
public sealed class GlusterfsVolumeSource
{
    [Proto(1)] public string? Endpoints { get; set; }
    [Proto(2)] public string? Path { get; set; }
    /// <summary>Mount the volume read-only when true.</summary>
    [Proto(3)] public bool? ReadOnly { get; set; }
}

/// <summary>A GlusterFS mount (no longer supported).</summary>
public sealed class GlusterfsPersistentVolumeSource
{
    [Proto(1)] public string? Endpoints { get; set; }
    [Proto(2)] public string? Path { get; set; }
    /// <summary>Mount the volume read-only when true.</summary>
    [Proto(3)] public bool? ReadOnly { get; set; }
    [Proto(4)] public string? EndpointsNamespace { get; set; }
}

/// <summary>A Ceph RADOS block device.</summary>
public sealed class RBDVolumeSource
{
    /// <summary>Ceph monitor addresses.</summary>
    [Proto(1)] public List<string>? Monitors { get; set; }
    [Proto(2)] public string? Image { get; set; }
    /// <summary>Filesystem type to mount, e.g. "ext4" or "xfs".</summary>
    [Proto(3)] public string? FsType { get; set; }
    /// <summary>RADOS pool name; "rbd" by default.</summary>
    [Proto(4)] public string? Pool { get; set; }
    /// <summary>RADOS user name; "admin" by default.</summary>
    [Proto(5)] public string? User { get; set; }
    /// <summary>Keyring path; "/etc/ceph/keyring" by default.</summary>
    [Proto(6)] public string? Keyring { get; set; }
    /// <summary>Secret holding the credentials for the volume plugin.</summary>
    [Proto(7)] public LocalObjectReference? SecretRef { get; set; }
    /// <summary>Mount the volume read-only when true.</summary>
    [Proto(8)] public bool? ReadOnly { get; set; }
}

/// <summary>A Ceph RADOS block device.</summary>
public sealed class RBDPersistentVolumeSource
{
    [Proto(1)] public List<string>? Monitors { get; set; }
    [Proto(2)] public string? Image { get; set; }
    /// <summary>Filesystem type to mount, e.g. "ext4" or "xfs".</summary>
    [Proto(3)] public string? FsType { get; set; }
    /// <summary>RADOS pool name; "rbd" by default.</summary>
    [Proto(4)] public string? Pool { get; set; }
    /// <summary>RADOS user name; "admin" by default.</summary>
    [Proto(5)] public string? User { get; set; }
    /// <summary>Keyring path; "/etc/ceph/keyring" by default.</summary>
    [Proto(6)] public string? Keyring { get; set; }
    /// <summary>Secret holding the credentials for the volume plugin.</summary>
    [Proto(7)] public SecretReference? SecretRef { get; set; }
    /// <summary>Mount the volume read-only when true.</summary>
    [Proto(8)] public bool? ReadOnly { get; set; }
}

/// <summary>An OpenStack Cinder volume.</summary>
public sealed class CinderVolumeSource
{
    [Proto(1)] public string? VolumeID { get; set; }
    /// <summary>Filesystem type to mount, e.g. "ext4" or "xfs".</summary>
    [Proto(2)] public string? FsType { get; set; }
    /// <summary>Mount the volume read-only when true.</summary>
    [Proto(3)] public bool? ReadOnly { get; set; }
    /// <summary>Secret holding the credentials for the volume plugin.</summary>
    [Proto(4)] public LocalObjectReference? SecretRef { get; set; }
}

/// <summary>An OpenStack Cinder volume.</summary>
public sealed class CinderPersistentVolumeSource
{
    [Proto(1)] public string? VolumeID { get; set; }
    /// <summary>Filesystem type to mount, e.g. "ext4" or "xfs".</summary>
    [Proto(2)] public string? FsType { get; set; }
    /// <summary>Mount the volume read-only when true.</summary>
    [Proto(3)] public bool? ReadOnly { get; set; }
    /// <summary>Secret holding the credentials for the volume plugin.</summary>
    [Proto(4)] public SecretReference? SecretRef { get; set; }
}

/// <summary>A CephFS mount.</summary>
public sealed class CephFSVolumeSource
{
    [Proto(1)] public List<string>? Monitors { get; set; }
    [Proto(2)] public string? Path { get; set; }
    [Proto(3)] public string? User { get; set; }
    [Proto(4)] public string? SecretFile { get; set; }
    /// <summary>Secret holding the credentials for the volume plugin.</summary>
    [Proto(5)] public LocalObjectReference? SecretRef { get; set; }
    /// <summary>Mount the volume read-only when true.</summary>
    [Proto(6)] public bool? ReadOnly { get; set; }
}

/// <summary>A CephFS mount.</summary>
public sealed class CephFSPersistentVolumeSource
{
    [Proto(1)] public List<string>? Monitors { get; set; }
    [Proto(2)] public string? Path { get; set; }
    [Proto(3)] public string? User { get; set; }
    [Proto(4)] public string? SecretFile { get; set; }
    /// <summary>Secret holding the credentials for the volume plugin.</summary>
    [Proto(5)] public SecretReference? SecretRef { get; set; }
    /// <summary>Mount the volume read-only when true.</summary>
    [Proto(6)] public bool? ReadOnly { get; set; }
}

/// <summary>A Flocker dataset.</summary>
public sealed class FlockerVolumeSource
{
    [Proto(1)] public string? DatasetName { get; set; }
    [Proto(2)] public string? DatasetUUID { get; set; }
}

/// <summary>A Google Compute Engine persistent disk.</summary>
public sealed class GCEPersistentDiskVolumeSource
{
    [Proto(1)] public string? PdName { get; set; }
    /// <summary>Filesystem type to mount, e.g. "ext4" or "xfs".</summary>
    [Proto(2)] public string? FsType { get; set; }
    [Proto(3)] public int? Partition { get; set; }
    /// <summary>Mount the volume read-only when true.</summary>
    [Proto(4)] public bool? ReadOnly { get; set; }
}

/// <summary>A Quobyte mount.</summary>
public sealed class QuobyteVolumeSource
{
    [Proto(1)] public string? Registry { get; set; }
    [Proto(2)] public string? Volume { get; set; }
    /// <summary>Mount the volume read-only when true.</summary>
    [Proto(3)] public bool? ReadOnly { get; set; }
    [Proto(4)] public string? User { get; set; }
    [Proto(5)] public string? Group { get; set; }
    [Proto(6)] public string? Tenant { get; set; }
}

/// <summary>A volume attached by a FlexVolume driver.</summary>
public sealed class FlexPersistentVolumeSource
{
    [Proto(1)] public string? Driver { get; set; }
    /// <summary>Filesystem type to mount, e.g. "ext4" or "xfs".</summary>
    [Proto(2)] public string? FsType { get; set; }
    /// <summary>Secret holding the credentials for the volume plugin.</summary>
    [Proto(3)] public SecretReference? SecretRef { get; set; }
    /// <summary>Mount the volume read-only when true.</summary>
    [Proto(4)] public bool? ReadOnly { get; set; }
    [Proto(5)] public Dictionary<string, string>? Options { get; set; }
}

/// <summary>A volume attached by a FlexVolume driver.</summary>
public sealed class FlexVolumeSource
{
    [Proto(1)] public string? Driver { get; set; }
    /// <summary>Filesystem type to mount, e.g. "ext4" or "xfs".</summary>
    [Proto(2)] public string? FsType { get; set; }
    /// <summary>Secret holding the credentials for the volume plugin.</summary>
    [Proto(3)] public LocalObjectReference? SecretRef { get; set; }
    /// <summary>Mount the volume read-only when true.</summary>
    [Proto(4)] public bool? ReadOnly { get; set; }
    [Proto(5)] public Dictionary<string, string>? Options { get; set; }
}

/// <summary>An AWS Elastic Block Store volume.</summary>
public sealed class AWSElasticBlockStoreVolumeSource
{
    [Proto(1)] public string? VolumeID { get; set; }
    /// <summary>Filesystem type to mount, e.g. "ext4" or "xfs".</summary>
    [Proto(2)] public string? FsType { get; set; }
    [Proto(3)] public int? Partition { get; set; }
    /// <summary>Mount the volume read-only when true.</summary>
    [Proto(4)] public bool? ReadOnly { get; set; }
}

/// <summary>A directory with a git repository cloned into it (deprecated; use an init container).</summary>
public sealed class GitRepoVolumeSource
{
    [Proto(1)] public string? Repository { get; set; }
    [Proto(2)] public string? Revision { get; set; }
    [Proto(3)] public string? Directory { get; set; }
}

/// <summary>Presents the keys of a Secret as files.</summary>
public sealed class SecretVolumeSource
{
    /// <summary>Name of the secret in the pod's namespace.</summary>
    [Proto(1)] public string? SecretName { get; set; }
    /// <summary>Keys to project as files and the paths to place them at; all keys when empty.</summary>
    [Proto(2)] public List<KeyToPath>? Items { get; set; }
    /// <summary>Permission bits (decimal, e.g. 420 for 0644) of the created files unless an item sets its own.</summary>
    [Proto(3)] public int? DefaultMode { get; set; }
    /// <summary>When true, a missing source object or key is not an error.</summary>
    [Proto(4)] public bool? Optional { get; set; }
}

/// <summary>The keys of a Secret placed into a projected volume.</summary>
[ProtoBase(1)]
public sealed class SecretProjection : LocalObjectReference
{
    /// <summary>Keys to project as files and the paths to place them at; all keys when empty.</summary>
    [Proto(2)] public List<KeyToPath>? Items { get; set; }
    /// <summary>When true, a missing source object or key is not an error.</summary>
    [Proto(4)] public bool? Optional { get; set; }
}

/// <summary>An NFS export mounted into the pod.</summary>
public sealed class NFSVolumeSource
{
    /// <summary>Host name or IP address of the NFS server.</summary>
    [Proto(1)] public string? Server { get; set; }
    /// <summary>Path exported by the server.</summary>
    [Proto(2)] public string? Path { get; set; }
    /// <summary>Mount the volume read-only when true.</summary>
    [Proto(3)] public bool? ReadOnly { get; set; }
}

/// <summary>An iSCSI disk, attached to the node and mounted into the pod.</summary>
public sealed class ISCSIVolumeSource
{
    [Proto(1)] public string? TargetPortal { get; set; }
    [Proto(2)] public string? Iqn { get; set; }
    [Proto(3)] public int? Lun { get; set; }
    /// <summary>iSCSI interface name; "default" by default.</summary>
    [Proto(4)] public string? IscsiInterface { get; set; }
    /// <summary>Filesystem type to mount, e.g. "ext4" or "xfs".</summary>
    [Proto(5)] public string? FsType { get; set; }
    /// <summary>Mount the volume read-only when true.</summary>
    [Proto(6)] public bool? ReadOnly { get; set; }
    [Proto(7)] public List<string>? Portals { get; set; }
    [Proto(8)] public bool? ChapAuthDiscovery { get; set; }
    [Proto(11)] public bool? ChapAuthSession { get; set; }
    /// <summary>Secret holding the credentials for the volume plugin.</summary>
    [Proto(10)] public LocalObjectReference? SecretRef { get; set; }
    [Proto(12)] public string? InitiatorName { get; set; }
}

/// <summary>An iSCSI disk.</summary>
public sealed class ISCSIPersistentVolumeSource
{
    [Proto(1)] public string? TargetPortal { get; set; }
    [Proto(2)] public string? Iqn { get; set; }
    [Proto(3)] public int? Lun { get; set; }
    /// <summary>iSCSI interface name; "default" by default.</summary>
    [Proto(4)] public string? IscsiInterface { get; set; }
    /// <summary>Filesystem type to mount, e.g. "ext4" or "xfs".</summary>
    [Proto(5)] public string? FsType { get; set; }
    /// <summary>Mount the volume read-only when true.</summary>
    [Proto(6)] public bool? ReadOnly { get; set; }
    [Proto(7)] public List<string>? Portals { get; set; }
    [Proto(8)] public bool? ChapAuthDiscovery { get; set; }
    [Proto(11)] public bool? ChapAuthSession { get; set; }
    /// <summary>Secret holding the credentials for the volume plugin.</summary>
    [Proto(10)] public SecretReference? SecretRef { get; set; }
    [Proto(12)] public string? InitiatorName { get; set; }
}

/// <summary>A Fibre Channel disk.</summary>
public sealed class FCVolumeSource
{
    [Proto(1)] public List<string>? TargetWWNs { get; set; }
    [Proto(2)] public int? Lun { get; set; }
    /// <summary>Filesystem type to mount, e.g. "ext4" or "xfs".</summary>
    [Proto(3)] public string? FsType { get; set; }
    /// <summary>Mount the volume read-only when true.</summary>
    [Proto(4)] public bool? ReadOnly { get; set; }
    [Proto(5)] public List<string>? Wwids { get; set; }
}

/// <summary>An Azure File share.</summary>
public sealed class AzureFileVolumeSource
{
    [Proto(1)] public string? SecretName { get; set; }
    [Proto(2)] public string? ShareName { get; set; }
    /// <summary>Mount the volume read-only when true.</summary>
    [Proto(3)] public bool? ReadOnly { get; set; }
}

/// <summary>An Azure File share.</summary>
public sealed class AzureFilePersistentVolumeSource
{
    [Proto(1)] public string? SecretName { get; set; }
    [Proto(2)] public string? ShareName { get; set; }
    /// <summary>Mount the volume read-only when true.</summary>
    [Proto(3)] public bool? ReadOnly { get; set; }
    [Proto(4)] public string? SecretNamespace { get; set; }
}

/// <summary>A vSphere virtual disk.</summary>
public sealed class VsphereVirtualDiskVolumeSource
{
    [Proto(1)] public string? VolumePath { get; set; }
    /// <summary>Filesystem type to mount, e.g. "ext4" or "xfs".</summary>
    [Proto(2)] public string? FsType { get; set; }
    [Proto(3)] public string? StoragePolicyName { get; set; }
    [Proto(4)] public string? StoragePolicyID { get; set; }
}

/// <summary>A Photon Controller persistent disk.</summary>
public sealed class PhotonPersistentDiskVolumeSource
{
    [Proto(1)] public string? PdID { get; set; }
    /// <summary>Filesystem type to mount, e.g. "ext4" or "xfs".</summary>
    [Proto(2)] public string? FsType { get; set; }
}

/// <summary>An Azure data disk.</summary>
public sealed class AzureDiskVolumeSource
{
    [Proto(1)] public string? DiskName { get; set; }
    [Proto(2)] public string? DiskURI { get; set; }
    /// <summary>Host caching: None, ReadOnly or ReadWrite (default).</summary>
    [Proto(3)] public string? CachingMode { get; set; }
    /// <summary>Filesystem type to mount, e.g. "ext4" or "xfs".</summary>
    [Proto(4)] public string? FsType { get; set; }
    /// <summary>Mount the volume read-only when true.</summary>
    [Proto(5)] public bool? ReadOnly { get; set; }
    /// <summary>Shared (default), Dedicated or Managed.</summary>
    [Proto(6)] public string? Kind { get; set; }
}

/// <summary>A Portworx volume.</summary>
public sealed class PortworxVolumeSource
{
    [Proto(1)] public string? VolumeID { get; set; }
    /// <summary>Filesystem type to mount, e.g. "ext4" or "xfs".</summary>
    [Proto(2)] public string? FsType { get; set; }
    /// <summary>Mount the volume read-only when true.</summary>
    [Proto(3)] public bool? ReadOnly { get; set; }
}

/// <summary>A ScaleIO volume.</summary>
public sealed class ScaleIOVolumeSource
{
    [Proto(1)] public string? Gateway { get; set; }
    [Proto(2)] public string? System { get; set; }
    /// <summary>Secret holding the credentials for the volume plugin.</summary>
    [Proto(3)] public LocalObjectReference? SecretRef { get; set; }
    [Proto(4)] public bool? SslEnabled { get; set; }
    [Proto(5)] public string? ProtectionDomain { get; set; }
    [Proto(6)] public string? StoragePool { get; set; }
    /// <summary>ThickProvisioned or ThinProvisioned (default).</summary>
    [Proto(7)] public string? StorageMode { get; set; }
    [Proto(8)] public string? VolumeName { get; set; }
    /// <summary>Filesystem type to mount, e.g. "ext4" or "xfs".</summary>
    [Proto(9)] public string? FsType { get; set; }
    /// <summary>Mount the volume read-only when true.</summary>
    [Proto(10)] public bool? ReadOnly { get; set; }
}

/// <summary>A ScaleIO volume.</summary>
public sealed class ScaleIOPersistentVolumeSource
{
    [Proto(1)] public string? Gateway { get; set; }
    [Proto(2)] public string? System { get; set; }
    /// <summary>Secret holding the credentials for the volume plugin.</summary>
    [Proto(3)] public SecretReference? SecretRef { get; set; }
    [Proto(4)] public bool? SslEnabled { get; set; }
    [Proto(5)] public string? ProtectionDomain { get; set; }
    [Proto(6)] public string? StoragePool { get; set; }
    /// <summary>ThickProvisioned or ThinProvisioned (default).</summary>
    [Proto(7)] public string? StorageMode { get; set; }
    [Proto(8)] public string? VolumeName { get; set; }
    /// <summary>Filesystem type to mount, e.g. "ext4" or "xfs".</summary>
    [Proto(9)] public string? FsType { get; set; }
    /// <summary>Mount the volume read-only when true.</summary>
    [Proto(10)] public bool? ReadOnly { get; set; }
}

/// <summary>A StorageOS volume.</summary>
public sealed class StorageOSVolumeSource
{
    [Proto(1)] public string? VolumeName { get; set; }
    [Proto(2)] public string? VolumeNamespace { get; set; }
    /// <summary>Filesystem type to mount, e.g. "ext4" or "xfs".</summary>
    [Proto(3)] public string? FsType { get; set; }
    /// <summary>Mount the volume read-only when true.</summary>
    [Proto(4)] public bool? ReadOnly { get; set; }
    /// <summary>Secret holding the credentials for the volume plugin.</summary>
    [Proto(5)] public LocalObjectReference? SecretRef { get; set; }
}

/// <summary>A StorageOS volume.</summary>
public sealed class StorageOSPersistentVolumeSource
{
    [Proto(1)] public string? VolumeName { get; set; }
    [Proto(2)] public string? VolumeNamespace { get; set; }
    /// <summary>Filesystem type to mount, e.g. "ext4" or "xfs".</summary>
    [Proto(3)] public string? FsType { get; set; }
    /// <summary>Mount the volume read-only when true.</summary>
    [Proto(4)] public bool? ReadOnly { get; set; }
    /// <summary>Secret holding the credentials for the volume plugin.</summary>
    [Proto(5)] public ObjectReference? SecretRef { get; set; }
}

/// <summary>Presents the keys of a ConfigMap as files.</summary>
[ProtoBase(1)]
public sealed class ConfigMapVolumeSource : LocalObjectReference
{
    /// <summary>Keys to project as files and the paths to place them at; all keys when empty.</summary>
    [Proto(2)] public List<KeyToPath>? Items { get; set; }
    /// <summary>Permission bits (decimal, e.g. 420 for 0644) of the created files unless an item sets its own.</summary>
    [Proto(3)] public int? DefaultMode { get; set; }
    /// <summary>When true, a missing source object or key is not an error.</summary>
    [Proto(4)] public bool? Optional { get; set; }
}

/// <summary>The keys of a ConfigMap placed into a projected volume.</summary>
[ProtoBase(1)]
public sealed class ConfigMapProjection : LocalObjectReference
{
    /// <summary>Keys to project as files and the paths to place them at; all keys when empty.</summary>
    [Proto(2)] public List<KeyToPath>? Items { get; set; }
    /// <summary>When true, a missing source object or key is not an error.</summary>
    [Proto(4)] public bool? Optional { get; set; }
}

/// <summary>A bound service-account token, refreshed by the kubelet before it expires.</summary>
public sealed class ServiceAccountTokenProjection
{
    /// <summary>Who the token is meant for; the API server's own audience when empty.</summary>
    [Proto(1)] public string? Audience { get; set; }
    /// <summary>Requested lifetime of the token; at least 600, 3600 by default.</summary>
    [Proto(2)] public long? ExpirationSeconds { get; set; }
    /// <summary>File name of the token, relative to the mount point.</summary>
    [Proto(3)] public string? Path { get; set; }
}

/// <summary>The certificates of ClusterTrustBundles written into one PEM file.</summary>
public sealed class ClusterTrustBundleProjection
{
    /// <summary>Select one bundle by name (not together with signerName).</summary>
    [Proto(1)] public string? Name { get; set; }
    /// <summary>Select the bundles of this signer.</summary>
    [Proto(2)] public string? SignerName { get; set; }
    /// <summary>Narrows the signer's bundles to those with these labels.</summary>
    [Proto(3)] public LabelSelector? LabelSelector { get; set; }
    /// <summary>When true, a missing source object or key is not an error.</summary>
    [Proto(5)] public bool? Optional { get; set; }
    /// <summary>File name, relative to the mount point.</summary>
    [Proto(4)] public string? Path { get; set; }
}

/// <summary>Several volume sources merged into one directory.</summary>
public sealed class ProjectedVolumeSource
{
    /// <summary>The sources to merge.</summary>
    [Proto(1)] public List<VolumeProjection>? Sources { get; set; }
    /// <summary>Permission bits (decimal, e.g. 420 for 0644) of the created files unless an item sets its own.</summary>
    [Proto(2)] public int? DefaultMode { get; set; }
}

/// <summary>One source of a projected volume; exactly one field is set.</summary>
public sealed class VolumeProjection
{
    [Proto(1)] public SecretProjection? Secret { get; set; }
    [Proto(2)] public DownwardAPIProjection? DownwardAPI { get; set; }
    [Proto(3)] public ConfigMapProjection? ConfigMap { get; set; }
    [Proto(4)] public ServiceAccountTokenProjection? ServiceAccountToken { get; set; }
    [Proto(5)] public ClusterTrustBundleProjection? ClusterTrustBundle { get; set; }
}

/// <summary>Maps one key of a ConfigMap or Secret to a file.</summary>
public sealed class KeyToPath
{
    /// <summary>The key to project.</summary>
    [Proto(1)] public string? Key { get; set; }
    /// <summary>Relative file path to write the value to; may not contain "..".</summary>
    [Proto(2)] public string? Path { get; set; }
    /// <summary>Permission bits of this file; the volume's defaultMode when unset.</summary>
    [Proto(3)] public int? Mode { get; set; }
}

/// <summary>A disk, partition or directory local to one node.</summary>
public sealed class LocalVolumeSource
{
    /// <summary>Full path on the node.</summary>
    [Proto(1)] public string? Path { get; set; }
    /// <summary>Filesystem type to mount, e.g. "ext4" or "xfs".</summary>
    [Proto(2)] public string? FsType { get; set; }
}

/// <summary>A volume managed by an external CSI driver.</summary>
public sealed class CSIPersistentVolumeSource
{
    /// <summary>Name of the CSI driver.</summary>
    [Proto(1)] public string? Driver { get; set; }
    /// <summary>The driver's identifier of the volume.</summary>
    [Proto(2)] public string? VolumeHandle { get; set; }
    /// <summary>Mount the volume read-only when true.</summary>
    [Proto(3)] public bool? ReadOnly { get; set; }
    /// <summary>Filesystem type to mount, e.g. "ext4" or "xfs".</summary>
    [Proto(4)] public string? FsType { get; set; }
    /// <summary>Driver-specific attributes passed on publish.</summary>
    [Proto(5)] public Dictionary<string, string>? VolumeAttributes { get; set; }
    [Proto(6)] public SecretReference? ControllerPublishSecretRef { get; set; }
    [Proto(7)] public SecretReference? NodeStageSecretRef { get; set; }
    [Proto(8)] public SecretReference? NodePublishSecretRef { get; set; }
    [Proto(9)] public SecretReference? ControllerExpandSecretRef { get; set; }
    [Proto(10)] public SecretReference? NodeExpandSecretRef { get; set; }
}

/// <summary>An inline ephemeral volume provided by a CSI driver.</summary>
public sealed class CSIVolumeSource
{
    /// <summary>Name of the CSI driver.</summary>
    [Proto(1)] public string? Driver { get; set; }
    /// <summary>Mount the volume read-only when true.</summary>
    [Proto(2)] public bool? ReadOnly { get; set; }
    /// <summary>Filesystem type to mount, e.g. "ext4" or "xfs".</summary>
    [Proto(3)] public string? FsType { get; set; }
    /// <summary>Driver-specific properties of the volume.</summary>
    [Proto(4)] public Dictionary<string, string>? VolumeAttributes { get; set; }
    /// <summary>Secret passed to the driver when it publishes the volume.</summary>
    [Proto(5)] public LocalObjectReference? NodePublishSecretRef { get; set; }
}

/// <summary>A volume backed by a claim created with the pod and deleted with it.</summary>
public sealed class EphemeralVolumeSource
{
    /// <summary>Template of the claim; it is named &lt;pod&gt;-&lt;volume&gt;.</summary>
    [Proto(1)] public PersistentVolumeClaimTemplate? VolumeClaimTemplate { get; set; }
}

/// <summary>Metadata and spec of a claim to create.</summary>
public sealed class PersistentVolumeClaimTemplate
{
    [Proto(1)] public ObjectMeta? Metadata { get; set; }
    /// <summary>Spec of the claim, copied unchanged.</summary>
    [Proto(2)] public PersistentVolumeClaimSpec? Spec { get; set; }
}

/// <summary>Files holding information about the pod.</summary>
public sealed class DownwardAPIVolumeSource
{
    /// <summary>The files to create.</summary>
    [Proto(1)] public List<DownwardAPIVolumeFile>? Items { get; set; }
    /// <summary>Permission bits (decimal, e.g. 420 for 0644) of the created files unless an item sets its own.</summary>
    [Proto(2)] public int? DefaultMode { get; set; }
}

/// <summary>One downward API file.</summary>
public sealed class DownwardAPIVolumeFile
{
    /// <summary>Relative path of the file.</summary>
    [Proto(1)] public string? Path { get; set; }
    /// <summary>A pod field to write.</summary>
    [Proto(2)] public ObjectFieldSelector? FieldRef { get; set; }
    /// <summary>A container resource to write.</summary>
    [Proto(3)] public ResourceFieldSelector? ResourceFieldRef { get; set; }
    /// <summary>Permission bits of this file.</summary>
    [Proto(4)] public int? Mode { get; set; }
}

/// <summary>Downward API files in a projected volume.</summary>
public sealed class DownwardAPIProjection
{
    /// <summary>The files to create.</summary>
    [Proto(1)] public List<DownwardAPIVolumeFile>? Items { get; set; }
}

/// <summary>An OCI image or artifact mounted read-only.</summary>
public sealed class ImageVolumeSource
{
    /// <summary>Image or artifact reference, as for a container image.</summary>
    [Proto(1)] public string? Reference { get; set; }
    /// <summary>Always, Never or IfNotPresent; defaults by tag as for containers.</summary>
    [Proto(2)] public string? PullPolicy { get; set; }
}
