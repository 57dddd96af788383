namespace KubeSharp.Api.Storage.V1;

/// <summary>A class of storage with its provisioner and parameters, for dynamic provisioning.</summary>
[KubernetesEntity("storage.k8s.io", "v1", "StorageClass", "storageclasses", Namespaced = false, ShortNames = ["sc"])]
public sealed class StorageClass : KubernetesObject
{
    /// <summary>The volume plugin that provisions volumes of this class.</summary>
    [Proto(2)] public string? Provisioner { get; set; }
    /// <summary>Parameters passed to the provisioner.</summary>
    [Proto(3)] public Dictionary<string, string>? Parameters { get; set; }
    /// <summary>Delete (the default) or Retain, for volumes provisioned with this class.</summary>
    [Proto(4)] public string? ReclaimPolicy { get; set; }
    /// <summary>Mount options of provisioned volumes; not validated.</summary>
    [Proto(5)] public List<string>? MountOptions { get; set; }
    /// <summary>Whether volumes of this class may be resized.</summary>
    [Proto(6)] public bool? AllowVolumeExpansion { get; set; }
    /// <summary>Immediate (the default) or WaitForFirstConsumer.</summary>
    [Proto(7)] public string? VolumeBindingMode { get; set; }
    /// <summary>Where volumes may be provisioned; empty means anywhere.</summary>
    [Proto(8)] public List<Core.V1.TopologySelectorTerm>? AllowedTopologies { get; set; }
}
