namespace KubeSharp.Api.Storage.V1;

/// <summary>The CSI drivers installed on one node; named after the node.</summary>
[KubernetesEntity("storage.k8s.io", "v1", "CSINode", "csinodes", Namespaced = false)]
public sealed class CSINode : KubernetesObject
{
    /// <summary>The desired behaviour of the object.</summary>
    [Proto(2)] public CSINodeSpec? Spec { get; set; }
}

/// <summary>The drivers on the node.</summary>
public sealed class CSINodeSpec
{
    /// <summary>Every CSI driver registered on the node.</summary>
    [Proto(1), PatchMerge("name")] public List<CSINodeDriver>? Drivers { get; set; }
}

/// <summary>One CSI driver on a node.</summary>
public sealed class CSINodeDriver
{
    /// <summary>The driver's name, as in CSIDriver.</summary>
    [Proto(1)] public string? Name { get; set; }
    /// <summary>The node's identity as the driver knows it.</summary>
    [Proto(2)] public string? NodeID { get; set; }
    /// <summary>Topology label keys the driver supports.</summary>
    [Proto(3)] public List<string>? TopologyKeys { get; set; }
    /// <summary>Volume resources the driver can use on the node.</summary>
    [Proto(4)] public VolumeNodeResources? Allocatable { get; set; }
}

/// <summary>Volume limits of a driver on one node.</summary>
public sealed class VolumeNodeResources
{
    /// <summary>Most volumes the driver may have on the node; unset means no limit.</summary>
    [Proto(1)] public int? Count { get; set; }
}
