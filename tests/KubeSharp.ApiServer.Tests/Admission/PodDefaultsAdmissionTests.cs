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
}
