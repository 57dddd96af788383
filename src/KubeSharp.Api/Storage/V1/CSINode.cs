namespace KubeSharp.Api.Storage.V1;

[KubernetesEntity("storage.k8s.io", "v1", "CSINode", "csinodes", Namespaced = false)]
public sealed class CSINode : KubernetesObject
{
    [Proto(2)] public CSINodeSpec? Spec { get; set; }
}

public sealed class CSINodeSpec
{
    [Proto(1), PatchMerge("name")] public List<CSINodeDriver>? Drivers { get; set; }
}

public sealed class CSINodeDriver
{
    [Proto(1)] public string? Name { get; set; }
    [Proto(2)] public string? NodeID { get; set; }
    [Proto(3)] public List<string>? TopologyKeys { get; set; }
    [Proto(4)] public VolumeNodeResources? Allocatable { get; set; }
}

public sealed class VolumeNodeResources
{
    [Proto(1)] public int? Count { get; set; }
}
