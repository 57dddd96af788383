using KubeSharp.Controllers.ReplicaSets;
using static KubeSharp.Controllers.Tests.PodBuilder;

namespace KubeSharp.Controllers.Tests;

public class ReplicaPlanTests
{
    [Fact]
    public void Scale_down_deletes_unready_pods_first()
    {
        var pods = new[] { Pod("ready-a"), Pod("unready", ready: false), Pod("ready-b") };

        var victims = ReplicaPlan.PodsToDelete(pods, 1);

        Assert.Equal("unready", Assert.Single(victims).Metadata!.Name);
    }

    [Fact]
    public void Scale_down_deletes_unscheduled_then_pending_then_unknown_before_running_pods()
    {
        var pods = new[]
        {
            Pod("running"),
            Pod("unknown", phase: "Unknown", ready: false),
            Pod("pending", phase: "Pending", ready: false),
            Pod("unscheduled", node: null, phase: "Pending", ready: false),
        };

        var order = ReplicaPlan.PodsToDelete(pods, 4).Select(p => p.Metadata!.Name);

        Assert.Equal(["unscheduled", "pending", "unknown", "running"], order);
    }

    [Fact]
    public void Scale_down_prefers_pods_on_crowded_nodes_then_recently_ready_then_restarted_then_newer()
    {
        var crowded = new[] { Pod("crowded-1", node: "busy"), Pod("crowded-2", node: "busy") };
        var alone = Pod("alone", node: "quiet");
        Assert.Equal("crowded-1", ReplicaPlan.PodsToDelete([alone, .. crowded], 1)[0].Metadata!.Name);

        var older = Pod("ready-long-ago", node: "a", readySince: Epoch);
        var newer = Pod("ready-recently", node: "b", readySince: Epoch.AddMinutes(5));
        Assert.Equal("ready-recently", ReplicaPlan.PodsToDelete([older, newer], 1)[0].Metadata!.Name);

        var calm = Pod("calm", node: "a");
        var restarting = Pod("restarting", node: "b", restarts: 3);
        Assert.Equal("restarting", ReplicaPlan.PodsToDelete([calm, restarting], 1)[0].Metadata!.Name);

        var first = Pod("first", node: "a", created: Epoch);
        var second = Pod("second", node: "b", created: Epoch.AddSeconds(1));
        Assert.Equal("second", ReplicaPlan.PodsToDelete([first, second], 1)[0].Metadata!.Name);
    }

    [Fact]
    public void Creations_start_slowly_and_double()
    {
        Assert.Equal([1, 2, 4, 3], ReplicaPlan.SlowStartBatches(10));
        Assert.Empty(ReplicaPlan.SlowStartBatches(0));
    }

    [Fact]
    public void Diff_is_bounded_by_the_burst_size()
    {
        Assert.Equal(3, ReplicaPlan.Diff(2, 5));
        Assert.Equal(-2, ReplicaPlan.Diff(5, 3));
        Assert.Equal(ReplicaPlan.BurstReplicas, ReplicaPlan.Diff(0, 10_000));
    }

    [Fact]
    public void Pods_count_as_available_only_after_min_ready_seconds()
    {
        var now = Epoch.AddSeconds(30);
        var pods = new[]
        {
            Pod("long-ready", readySince: Epoch),
            Pod("just-ready", readySince: now.AddSeconds(-5)),
            Pod("not-ready", ready: false),
        };

        var counts = ReplicaPlan.Count(pods, new Dictionary<string, string> { ["app"] = "web" }, minReadySeconds: 10, now);

        Assert.Equal(new ReplicaCounts(Replicas: 3, FullyLabeledReplicas: 3, ReadyReplicas: 2, AvailableReplicas: 1), counts);
        Assert.Equal(TimeSpan.FromSeconds(5.1), ReplicaPlan.NextAvailabilityCheck(pods, 10, now));
    }

    [Fact]
    public void Fully_labeled_replicas_count_pods_carrying_every_template_label()
    {
        var pods = new[] { Pod("a"), Pod("b") };
        pods[1].Metadata!.Labels!["tier"] = "front";

        var counts = ReplicaPlan.Count(pods, new Dictionary<string, string> { ["app"] = "web", ["tier"] = "front" }, 0, Epoch);

        Assert.Equal(1, counts.FullyLabeledReplicas);
    }

    [Fact]
    public void Expectations_hold_back_syncs_until_the_informer_has_seen_the_writes()
    {
        var time = new ManualTime(Epoch);
        var expectations = new ControllerExpectations(time);
        Assert.True(expectations.Satisfied("ns/rs"));

        expectations.ExpectCreations("ns/rs", 2);
        expectations.CreationObserved("ns/rs");
        Assert.False(expectations.Satisfied("ns/rs"));
        expectations.CreationObserved("ns/rs");
        Assert.True(expectations.Satisfied("ns/rs"));

        expectations.ExpectDeletions("ns/rs", ["ns/p1"]);
        Assert.False(expectations.Satisfied("ns/rs"));
        time.Now += ControllerExpectations.Timeout + TimeSpan.FromSeconds(1);
        Assert.True(expectations.Satisfied("ns/rs"));
    }

    [Fact]
    public void A_replica_failure_condition_keeps_its_first_message_so_retries_do_not_rewrite_the_status()
    {
        var replicaSet = new KubeSharp.Api.Apps.V1.ReplicaSet();
        var controller = new KubeSharp.Api.Core.V1.ReplicationController();
        var rsKind = new KubeSharp.Controllers.ReplicaSets.ReplicaSetKind();
        var rcKind = new KubeSharp.Controllers.ReplicaSets.ReplicationControllerKind();

        rsKind.SetReplicaFailure(replicaSet, "FailedCreate", "pods \"web-abcde\" is forbidden", Epoch);
        rsKind.SetReplicaFailure(replicaSet, "FailedCreate", "pods \"web-fghij\" is forbidden", Epoch.AddSeconds(1));
        rcKind.SetReplicaFailure(controller, "FailedCreate", "pods \"web-abcde\" is forbidden", Epoch);
        rcKind.SetReplicaFailure(controller, "FailedCreate", "pods \"web-fghij\" is forbidden", Epoch.AddSeconds(1));

        Assert.Equal("pods \"web-abcde\" is forbidden", Assert.Single(replicaSet.Status!.Conditions!).Message);
        Assert.Equal("pods \"web-abcde\" is forbidden", Assert.Single(controller.Status!.Conditions!).Message);
        rsKind.SetReplicaFailure(replicaSet, null, null, Epoch.AddSeconds(2));
        Assert.Empty(replicaSet.Status.Conditions!);
    }

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }
}
