using KubeSharp.Api.Core.V1;
using KubeSharp.ApiServer.Admission;

namespace KubeSharp.ApiServer.Tests.Admission;

public sealed class PodDefaultsAdmissionTests
{
    [Fact]
    public void New_pod_tolerates_not_ready_and_unreachable_nodes_for_300_seconds()
    {
        var spec = new PodSpec();
        PodDefaultsAdmission.Apply(spec);
        Assert.Equal(2, spec.Tolerations!.Count);
        Assert.All(spec.Tolerations, t =>
        {
            Assert.Equal("Exists", t.Operator);
            Assert.Equal("NoExecute", t.Effect);
            Assert.Equal(300, t.TolerationSeconds);
        });
        Assert.Equal(["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"], spec.Tolerations.Select(t => t.Key));
    }

    [Fact]
    public void A_pod_s_own_toleration_for_a_node_problem_is_kept()
    {
        var spec = new PodSpec { Tolerations = [new Toleration { Key = "node.kubernetes.io/unreachable", Operator = "Exists", Effect = "NoExecute", TolerationSeconds = 5 }] };
        PodDefaultsAdmission.Apply(spec);
        Assert.Equal(5, spec.Tolerations!.Single(t => t.Key == "node.kubernetes.io/unreachable").TolerationSeconds);
        Assert.Contains(spec.Tolerations, t => t.Key == "node.kubernetes.io/not-ready");
    }

    [Fact]
    public void Tolerate_everything_covers_both_node_problems()
    {
        var spec = new PodSpec { Tolerations = [new Toleration { Operator = "Exists" }] };
        PodDefaultsAdmission.Apply(spec);
        Assert.Single(spec.Tolerations!);
    }

    [Fact]
    public void Pod_without_service_account_runs_as_default()
    {
        var spec = new PodSpec();
        PodDefaultsAdmission.Apply(spec);
        Assert.Equal("default", spec.ServiceAccountName);
        Assert.Equal("default", spec.ServiceAccount);
    }

    [Fact]
    public void Every_container_mounts_the_projected_service_account_token_volume()
    {
        var spec = new PodSpec { InitContainers = [new Container { Name = "init" }], Containers = [new Container { Name = "app" }, new Container { Name = "side" }] };
        PodDefaultsAdmission.ApplyServiceAccount(spec, new ServiceAccount());

        var volume = Assert.Single(spec.Volumes!);
        Assert.Matches("^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$", volume.Name);
        Assert.Equal(420, volume.Projected!.DefaultMode);
        var sources = volume.Projected.Sources!;
        Assert.Equal(3607, sources[0].ServiceAccountToken!.ExpirationSeconds);
        Assert.Equal("token", sources[0].ServiceAccountToken!.Path);
        Assert.Equal("kube-root-ca.crt", sources[1].ConfigMap!.Name);
        Assert.Equal(("ca.crt", "ca.crt"), (sources[1].ConfigMap!.Items![0].Key, sources[1].ConfigMap!.Items![0].Path));
        Assert.Equal("namespace", sources[2].DownwardAPI!.Items![0].Path);
        Assert.Equal("metadata.namespace", sources[2].DownwardAPI!.Items![0].FieldRef!.FieldPath);
        Assert.All(spec.InitContainers.Concat(spec.Containers), c =>
        {
            var mount = Assert.Single(c.VolumeMounts!);
            Assert.Equal((volume.Name, "/var/run/secrets/kubernetes.io/serviceaccount", true), (mount.Name, mount.MountPath, mount.ReadOnly));
        });
    }

    [Fact]
    public void Pod_that_turns_automount_off_gets_no_token_even_if_its_account_wants_one()
    {
        var spec = new PodSpec { AutomountServiceAccountToken = false, Containers = [new Container { Name = "app" }] };
        PodDefaultsAdmission.ApplyServiceAccount(spec, new ServiceAccount { AutomountServiceAccountToken = true });
        Assert.Empty(spec.Volumes ?? []);
        Assert.Empty(spec.Containers[0].VolumeMounts ?? []);
    }

    [Fact]
    public void Account_that_turns_automount_off_decides_for_pods_that_do_not_say()
    {
        var spec = new PodSpec { Containers = [new Container { Name = "app" }] };
        PodDefaultsAdmission.ApplyServiceAccount(spec, new ServiceAccount { AutomountServiceAccountToken = false });
        Assert.Empty(spec.Volumes ?? []);

        var overriding = new PodSpec { AutomountServiceAccountToken = true, Containers = [new Container { Name = "app" }] };
        PodDefaultsAdmission.ApplyServiceAccount(overriding, new ServiceAccount { AutomountServiceAccountToken = false });
        Assert.Single(overriding.Volumes!);
    }

    [Fact]
    public void Container_with_its_own_mount_at_the_token_path_keeps_it()
    {
        var own = new VolumeMount { Name = "mine", MountPath = "/var/run/secrets/kubernetes.io/serviceaccount" };
        var spec = new PodSpec
        {
            Volumes = [new Volume { Name = "mine", EmptyDir = new EmptyDirVolumeSource() }],
            Containers = [new Container { Name = "own", VolumeMounts = [own] }, new Container { Name = "plain" }],
        };
        PodDefaultsAdmission.ApplyServiceAccount(spec, null);
        Assert.Same(own, Assert.Single(spec.Containers[0].VolumeMounts!));
        Assert.StartsWith("kube-api-access-", Assert.Single(spec.Containers[1].VolumeMounts!).Name, StringComparison.Ordinal);
        Assert.Equal(2, spec.Volumes.Count);
    }

    [Fact]
    public void No_volume_is_added_when_every_container_mounts_its_own()
    {
        var spec = new PodSpec { Containers = [new Container { Name = "own", VolumeMounts = [new VolumeMount { Name = "x", MountPath = "/var/run/secrets/kubernetes.io/serviceaccount" }] }] };
        PodDefaultsAdmission.ApplyServiceAccount(spec, null);
        Assert.Null(spec.Volumes);
    }

    [Fact]
    public void An_existing_kube_api_access_volume_is_reused()
    {
        var spec = new PodSpec { Volumes = [PodDefaultsAdmission.TokenVolume("kube-api-access-abcde")], Containers = [new Container { Name = "app" }] };
        PodDefaultsAdmission.ApplyServiceAccount(spec, null);
        Assert.Single(spec.Volumes);
        Assert.Equal("kube-api-access-abcde", spec.Containers[0].VolumeMounts![0].Name);
    }

    [Fact]
    public void Pod_without_pull_secrets_gets_its_account_s()
    {
        var spec = new PodSpec { Containers = [new Container { Name = "app" }] };
        PodDefaultsAdmission.ApplyServiceAccount(spec, new ServiceAccount { ImagePullSecrets = [new LocalObjectReference { Name = "regcred" }] });
        Assert.Equal("regcred", Assert.Single(spec.ImagePullSecrets!).Name);

        var own = new PodSpec { ImagePullSecrets = [new LocalObjectReference { Name = "mine" }] };
        PodDefaultsAdmission.ApplyServiceAccount(own, new ServiceAccount { ImagePullSecrets = [new LocalObjectReference { Name = "regcred" }] });
        Assert.Equal("mine", Assert.Single(own.ImagePullSecrets).Name);
    }
}
