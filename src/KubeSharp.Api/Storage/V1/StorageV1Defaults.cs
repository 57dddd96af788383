namespace KubeSharp.Api.Storage.V1;

/// <summary>Server-side defaulting of storage.k8s.io/v1 objects (CSINode and VolumeAttachment have none).</summary>
public static class StorageV1Defaults
{
    public static void Apply(StorageClass storageClass)
    {
        ArgumentNullException.ThrowIfNull(storageClass);
        storageClass.ReclaimPolicy ??= "Delete";
        storageClass.VolumeBindingMode ??= "Immediate";
    }

    public static void Apply(CSIDriver driver)
    {
        ArgumentNullException.ThrowIfNull(driver);
        var spec = driver.Spec ??= new CSIDriverSpec();
        spec.AttachRequired ??= true;
        spec.PodInfoOnMount ??= false;
        spec.StorageCapacity ??= false;
        spec.FsGroupPolicy ??= "ReadWriteOnceWithFSType";
        if (spec.VolumeLifecycleModes is not { Count: > 0 })
        {
            spec.VolumeLifecycleModes = ["Persistent"];
        }

        spec.RequiresRepublish ??= false;
        spec.SeLinuxMount ??= false;
    }
}
