namespace KubeSharp.Api.Storage.V1;

/// <summary>
/// Storage capacity a CSI driver reports for one storage class in one topology segment, which the
/// scheduler may consult for volumes bound on first consumer.
/// </summary>
[KubernetesEntity("storage.k8s.io", "v1", "CSIStorageCapacity", "csistoragecapacities")]
public sealed class CSIStorageCapacity : KubernetesObject
{
    /// <summary>The nodes the capacity applies to (their labels); null means no node can reach the storage.</summary>
    [Proto(2)] public LabelSelector? NodeTopology { get; set; }
    /// <summary>The StorageClass the capacity applies to. Required and immutable.</summary>
    [Proto(3)] public string? StorageClassName { get; set; }
    /// <summary>The capacity available for new volumes of the class in the topology segment; unset means unknown.</summary>
    [Proto(4)] public Quantity? Capacity { get; set; }
    /// <summary>The largest volume that can be created; unset means the same as capacity.</summary>
    [Proto(5)] public Quantity? MaximumVolumeSize { get; set; }
}
