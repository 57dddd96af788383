using KubeSharp.Api;
using KubeSharp.Controllers.Deployments;

namespace KubeSharp.Controllers.Tests;

public class RollingUpdatePlanTests
{
    [Theory]
    [InlineData(10, "25%", "25%", 3, 2)]
    [InlineData(3, "25%", "25%", 1, 0)]
    [InlineData(4, "0", "0", 0, 1)]
    [InlineData(5, "2", "1", 2, 1)]
    public void Surge_rounds_up_and_unavailable_rounds_down(int replicas, string surge, string unavailable, int expectedSurge, int expectedUnavailable)
    {
        static IntOrString Parse(string s) => s.EndsWith('%') ? IntOrString.FromString(s) : IntOrString.FromInt(int.Parse(s, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal((expectedSurge, expectedUnavailable), RollingUpdatePlan.Resolve(replicas, Parse(surge), Parse(unavailable)));
    }

    [Theory]
    [InlineData(3, 1, 0)]
    [InlineData(10, 3, 2)]
    [InlineData(5, 0, 1)]
    [InlineData(4, 4, 4)]
    public void Rolling_update_never_exceeds_max_surge_nor_drops_below_min_available(int desired, int maxSurge, int maxUnavailable)
    {
        // Simulated cluster: pods of a scaled-up ReplicaSet become available on the next step,
        // pods of a scaled-down one disappear at once.
        var newRs = new ReplicaSetView("new", 0, 0);
        var oldRs = new ReplicaSetView("old", desired, desired);
        for (var step = 0; step < 100 && !(newRs.AvailableReplicas == desired && oldRs.Replicas == 0); step++)
        {
            var grown = RollingUpdatePlan.NewReplicaSetReplicas(desired, maxSurge, newRs, [oldRs]);
            newRs = newRs with { Replicas = grown };
            Assert.True(newRs.Replicas + oldRs.Replicas <= desired + maxSurge, $"step {step}: {newRs.Replicas + oldRs.Replicas} pods > {desired} + {maxSurge}");

            var shrunk = RollingUpdatePlan.ScaleDownOld(desired, maxUnavailable, newRs, [oldRs]);
            if (shrunk.TryGetValue("old", out var oldReplicas))
            {
                oldRs = new ReplicaSetView("old", oldReplicas, Math.Min(oldRs.AvailableReplicas, oldReplicas));
            }

            Assert.True(newRs.AvailableReplicas + oldRs.AvailableReplicas >= desired - maxUnavailable, $"step {step}: availability fell below {desired - maxUnavailable}");
            newRs = newRs with { AvailableReplicas = newRs.Replicas };
        }

        Assert.Equal(desired, newRs.AvailableReplicas);
        Assert.Equal(0, oldRs.Replicas);
    }

    [Fact]
    public void Unavailable_old_pods_are_removed_before_available_ones()
    {
        var newRs = new ReplicaSetView("new", 3, 0);
        var broken = new ReplicaSetView("broken", 2, 0);
        var healthy = new ReplicaSetView("healthy", 3, 3);

        var result = RollingUpdatePlan.ScaleDownOld(desired: 3, maxUnavailable: 0, newRs, [broken, healthy]);

        Assert.Equal(0, result["broken"]);
        Assert.False(result.ContainsKey("healthy"));
    }

    [Fact]
    public void New_replica_set_starts_at_full_size_when_nothing_old_runs()
    {
        Assert.Equal(5, RollingUpdatePlan.NewReplicaSetReplicas(5, 1, null, []));
        Assert.Equal(2, RollingUpdatePlan.NewReplicaSetReplicas(5, 2, null, [new ReplicaSetView("old", 5, 5)]));
        Assert.Equal(3, RollingUpdatePlan.NewReplicaSetReplicas(3, 1, new ReplicaSetView("new", 5, 5), []));
    }

    [Fact]
    public void Resizing_mid_rollout_shares_new_replicas_in_proportion()
    {
        // 10 replicas, maxSurge 3, stuck half way (old 8, new 5, both sized for 13); then scaled to 30.
        var t0 = DateTimeOffset.UnixEpoch;
        var sizes = RollingUpdatePlan.ProportionalSizes(desired: 30, maxSurge: 3, reportedReplicas: 13,
            [new ScalableReplicaSet("old", 8, 13, t0), new ScalableReplicaSet("new", 5, 13, t0.AddMinutes(1))]);

        Assert.Equal(20, sizes["old"]);
        Assert.Equal(13, sizes["new"]);
    }

    [Fact]
    public void Shrinking_mid_rollout_removes_replicas_in_proportion()
    {
        var t0 = DateTimeOffset.UnixEpoch;
        var sizes = RollingUpdatePlan.ProportionalSizes(desired: 5, maxSurge: 2, reportedReplicas: 13,
            [new ScalableReplicaSet("old", 8, 13, t0), new ScalableReplicaSet("new", 5, 13, t0.AddMinutes(1))]);

        Assert.Equal(7, sizes["old"] + sizes["new"]);
        Assert.True(sizes["old"] > sizes["new"]);
    }
}
