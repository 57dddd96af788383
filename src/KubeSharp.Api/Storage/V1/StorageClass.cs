namespace KubeSharp.Api.Storage.V1;

[KubernetesEntity("storage.k8s.io", "v1", "StorageClass", "storageclasses", Namespaced = false, ShortNames = ["sc"])]
public sealed class StorageClass : KubernetesObject
{
    [Proto(2)] public string? Provisioner { get; set; }
    [Proto(3)] public Dictionary<string, string>? Parameters { get; set; }
    [Proto(4)] public string? ReclaimPolicy { get; set; }
    [Proto(5)] public List<string>? MountOptions { get; set; }
    [Proto(6)] public bool? AllowVolumeExpansion { get; set; }
    [Proto(7)] public string? VolumeBindingMode { get; set; }
    [Proto(8)] public List<Core.V1.TopologySelectorTerm>? AllowedTopologies { get; set; }
}
