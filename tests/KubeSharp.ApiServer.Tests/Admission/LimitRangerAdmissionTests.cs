using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.ApiServer.Admission;

namespace KubeSharp.ApiServer.Tests.Admission;

/// <summary>LimitRanger: defaults for containers, and min/max/ratio checks in Kubernetes' words.</summary>
public sealed class LimitRangerAdmissionTests
{
    private static Dictionary<string, Quantity> List(params (string Name, string Value)[] entries) =>
        entries.ToDictionary(e => e.Name, e => Quantity.Parse(e.Value));

    private static LimitRange Range(params LimitRangeItem[] items) => new() { Spec = new LimitRangeSpec { Limits = [.. items] } };

    private static Pod PodWith(ResourceRequirements? resources) => new()
    {
        Metadata = new ObjectMeta { Name = "p", Namespace = "ns" },
        Spec = new PodSpec { Containers = [new Container { Name = "app", Resources = resources }] },
    };

    [Fact]
    public void Containers_get_the_default_limits_and_requests_they_leave_out_and_the_pod_says_which()
    {
        var pod = PodWith(new ResourceRequirements { Requests = List(("cpu", "100m")) });
        LimitRangerAdmission.ApplyDefaults(pod, Range(new LimitRangeItem
        {
            Type = "Container",
            Default = List(("cpu", "500m"), ("memory", "256Mi")),
            DefaultRequest = List(("cpu", "250m"), ("memory", "128Mi")),
        }));

        var resources = pod.Spec!.Containers![0].Resources!;
        Assert.Equal(("100m", "128Mi"), (resources.Requests!["cpu"].ToString(), resources.Requests["memory"].ToString()));
        Assert.Equal(("500m", "256Mi"), (resources.Limits!["cpu"].ToString(), resources.Limits["memory"].ToString()));
        Assert.Equal("LimitRanger plugin set: memory request for container app; cpu, memory limit for container app", pod.Metadata!.Annotations![LimitRangerAdmission.Annotation]);
    }

    [Fact]
    public void A_pod_outside_the_containers_min_and_max_is_told_what_is_wrong()
    {
        var range = Range(new LimitRangeItem { Type = "Container", Min = List(("cpu", "100m")), Max = List(("memory", "1Gi")) });

        Assert.Equal(
            ["minimum cpu usage per Container is 100m, but request is 50m", "maximum memory usage per Container is 1Gi, but limit is 2Gi"],
            LimitRangerAdmission.PodViolations(PodWith(new ResourceRequirements { Requests = List(("cpu", "50m")), Limits = List(("memory", "2Gi")) }), range));
        Assert.Equal(
            ["minimum cpu usage per Container is 100m.  No request is specified", "maximum memory usage per Container is 1Gi.  No limit is specified"],
            LimitRangerAdmission.PodViolations(PodWith(null), range));
        Assert.Empty(LimitRangerAdmission.PodViolations(PodWith(new ResourceRequirements { Requests = List(("cpu", "100m")), Limits = List(("memory", "1Gi")) }), range));
    }

    [Fact]
    public void The_limit_to_request_ratio_is_enforced()
    {
        var range = Range(new LimitRangeItem { Type = "Container", MaxLimitRequestRatio = List(("cpu", "2")) });
        Assert.Equal(
            ["cpu max limit to request ratio per Container is 2, but provided ratio is 4.000000"],
            LimitRangerAdmission.PodViolations(PodWith(new ResourceRequirements { Requests = List(("cpu", "100m")), Limits = List(("cpu", "400m")) }), range));
    }

    [Fact]
    public void Claims_must_request_storage_within_the_range()
    {
        var range = Range(new LimitRangeItem { Type = "PersistentVolumeClaim", Min = List(("storage", "1Gi")), Max = List(("storage", "5Gi")) });
        PersistentVolumeClaim Claim(string size) => new() { Spec = new PersistentVolumeClaimSpec { Resources = new VolumeResourceRequirements { Requests = List(("storage", size)) } } };

        Assert.Equal(["minimum storage usage per PersistentVolumeClaim is 1Gi, but request is 500Mi"], LimitRangerAdmission.ClaimViolations(Claim("500Mi"), range));
        Assert.Equal(["maximum storage usage per PersistentVolumeClaim is 5Gi, but request is 10Gi"], LimitRangerAdmission.ClaimViolations(Claim("10Gi"), range));
        Assert.Empty(LimitRangerAdmission.ClaimViolations(Claim("2Gi"), range));
    }
}
