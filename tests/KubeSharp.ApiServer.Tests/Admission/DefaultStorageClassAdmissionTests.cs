using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.Api.Storage.V1;
using KubeSharp.ApiServer.Admission;
using KubeSharp.ApiServer.Lifecycle;

namespace KubeSharp.ApiServer.Tests.Admission;

public sealed class DefaultStorageClassAdmissionTests
{
    private static PersistentVolumeClaim Claim(string? className, Dictionary<string, string>? annotations = null) => new()
    {
        Metadata = new ObjectMeta { Name = "data", Namespace = "default", Annotations = annotations },
        Spec = new PersistentVolumeClaimSpec { StorageClassName = className },
    };

    private static StorageClass Class(string name, bool isDefault, int ageMinutes = 10) => new()
    {
        Metadata = new ObjectMeta
        {
            Name = name,
            CreationTimestamp = DateTimeOffset.UnixEpoch.AddDays(1).AddMinutes(-ageMinutes),
            Annotations = isDefault ? new Dictionary<string, string> { [DefaultStorageClassAdmission.DefaultClassAnnotation] = "true" } : null,
        },
    };

    [Fact]
    public void A_claim_without_a_class_gets_the_default_class()
    {
        var claim = Claim(null);
        DefaultStorageClassAdmission.Apply(claim, [Class("slow", false), ClusterBootstrap.LocalPathStorageClass()]);

        Assert.Equal("local-path", claim.Spec!.StorageClassName);
    }

    [Fact]
    public void An_explicit_empty_class_or_the_beta_annotation_is_kept()
    {
        var empty = Claim("");
        var beta = Claim(null, new() { ["volume.beta.kubernetes.io/storage-class"] = "slow" });
        DefaultStorageClassAdmission.Apply(empty, [Class("fast", true)]);
        DefaultStorageClassAdmission.Apply(beta, [Class("fast", true)]);

        Assert.Equal("", empty.Spec!.StorageClassName);
        Assert.Null(beta.Spec!.StorageClassName);
    }

    [Fact]
    public void Without_a_default_class_the_claim_keeps_no_class_and_with_several_the_newest_wins()
    {
        var none = Claim(null);
        DefaultStorageClassAdmission.Apply(none, [Class("slow", false)]);
        var several = Claim(null);
        DefaultStorageClassAdmission.Apply(several, [Class("old", true, ageMinutes: 60), Class("new", true, ageMinutes: 1)]);

        Assert.Null(none.Spec!.StorageClassName);
        Assert.Equal("new", several.Spec!.StorageClassName);
    }

    [Fact]
    public void The_bootstrapped_local_path_class_is_k3s_default_class()
    {
        var localPath = ClusterBootstrap.LocalPathStorageClass();

        Assert.Equal(("rancher.io/local-path", "WaitForFirstConsumer", "Delete"), (localPath.Provisioner, localPath.VolumeBindingMode, localPath.ReclaimPolicy));
        Assert.Equal("true", localPath.Metadata!.Annotations!["storageclass.kubernetes.io/is-default-class"]);
    }
}
