using KubeSharp.Api;
using KubeSharp.Api.Apps.V1;
using KubeSharp.Api.Core.V1;
using KubeSharp.Controllers.StatefulSets;
using static KubeSharp.Controllers.Tests.PodBuilder;

namespace KubeSharp.Controllers.Tests;

public class StatefulSetPlanTests
{
    private static StatefulSet Set(int replicas, string policy = "OrderedReady", int partition = 0) => new()
    {
        Metadata = new ObjectMeta { Name = "db", Namespace = "default", Generation = 1 },
        Spec = new StatefulSetSpec
        {
            Replicas = replicas,
            PodManagementPolicy = policy,
            UpdateStrategy = new StatefulSetUpdateStrategy { Type = "RollingUpdate", RollingUpdate = new RollingUpdateStatefulSetStrategy { Partition = partition } },
        },
    };

    private static Pod Member(int ordinal, string revision = "db-r1", bool ready = true)
    {
        var pod = Pod($"db-{ordinal}", ready: ready, phase: ready ? "Running" : "Pending");
        pod.Metadata!.Labels![StatefulSetPlan.RevisionLabel] = revision;
        return pod;
    }

    [Fact]
    public void Ordered_pods_are_created_one_at_a_time_lowest_first_once_the_previous_is_ready()
    {
        Assert.Equal([0], StatefulSetPlan.Decide(Set(3), [], "db-r1", "db-r1", Epoch).Create.Select(c => c.Ordinal));
        Assert.Empty(StatefulSetPlan.Decide(Set(3), [Member(0, ready: false)], "db-r1", "db-r1", Epoch).Create);
        Assert.Equal([1], StatefulSetPlan.Decide(Set(3), [Member(0)], "db-r1", "db-r1", Epoch).Create.Select(c => c.Ordinal));
    }

    [Fact]
    public void Parallel_pods_are_created_together()
    {
        Assert.Equal([0, 1, 2], StatefulSetPlan.Decide(Set(3, "Parallel"), [], "db-r1", "db-r1", Epoch).Create.Select(c => c.Ordinal));
    }

    [Fact]
    public void Scale_down_removes_the_highest_ordinal_first()
    {
        var decision = StatefulSetPlan.Decide(Set(1), [Member(0), Member(1), Member(2)], "db-r1", "db-r1", Epoch);

        Assert.Equal("db-2", Assert.Single(decision.Delete).Metadata!.Name);
    }

    [Fact]
    public void Rolling_update_replaces_from_the_highest_ordinal_down_to_the_partition()
    {
        var pods = new[] { Member(0), Member(1), Member(2) };

        Assert.Equal("db-2", Assert.Single(StatefulSetPlan.Decide(Set(3), pods, "db-r1", "db-r2", Epoch).Delete).Metadata!.Name);

        var partitioned = new[] { Member(0), Member(1), Member(2, "db-r2") };
        Assert.Empty(StatefulSetPlan.Decide(Set(3, partition: 2), partitioned, "db-r1", "db-r2", Epoch).Delete);

        var recreated = StatefulSetPlan.Decide(Set(3, partition: 2), [Member(0), Member(2, "db-r2")], "db-r1", "db-r2", Epoch).Create.Single();
        Assert.Equal(new OrdinalToCreate(1, UpdateRevision: false), recreated);
    }

    [Fact]
    public void Status_reports_revisions_and_switches_current_when_the_update_finished()
    {
        var midway = StatefulSetPlan.Decide(Set(2), [Member(0), Member(1, "db-r2")], "db-r1", "db-r2", Epoch).Status;
        Assert.Equal(("db-r1", "db-r2", 1, 1, 2), (midway.CurrentRevision, midway.UpdateRevision, midway.CurrentReplicas!.Value, midway.UpdatedReplicas!.Value, midway.ReadyReplicas!.Value));

        var done = StatefulSetPlan.Decide(Set(2), [Member(0, "db-r2"), Member(1, "db-r2")], "db-r1", "db-r2", Epoch).Status;
        Assert.Equal(("db-r2", 2), (done.CurrentRevision, done.CurrentReplicas!.Value));
    }
}
