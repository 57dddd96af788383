using KubeSharp.Api;
using KubeSharp.Api.Coordination.V1;
using KubeSharp.Api.Core.V1;
using KubeSharp.Controllers.NodeLifecycle;
using static KubeSharp.Controllers.Tests.PodBuilder;

namespace KubeSharp.Controllers.Tests;

public class NodeHealthTests
{
    private static Node Node(string? ready, DateTimeOffset heartbeat, bool cordoned = false, List<Taint>? taints = null) => new()
    {
        Metadata = new ObjectMeta { Name = "n1", CreationTimestamp = Epoch },
        Spec = new NodeSpec { Unschedulable = cordoned ? true : null, Taints = taints },
        Status = new NodeStatus { Conditions = ready is null ? null : [new NodeCondition { Type = "Ready", Status = ready, LastHeartbeatTime = heartbeat }] },
    };

    [Fact]
    public void A_node_whose_lease_and_status_stopped_is_marked_unknown_after_the_grace_period()
    {
        var node = Node("True", Epoch);
        var lease = new Lease { Spec = new LeaseSpec { RenewTime = Epoch.AddSeconds(30) } };

        Assert.False(NodeHealth.WentSilent(node, lease, Epoch.AddSeconds(60)));
        Assert.True(NodeHealth.WentSilent(node, lease, Epoch.AddSeconds(71)));

        NodeHealth.MarkUnknown(node, Epoch.AddSeconds(71));
        var ready = node.Status!.Conditions!.Single();
        Assert.Equal(("Unknown", "NodeStatusUnknown", "Kubelet stopped posting node status."), (ready.Status, ready.Reason, ready.Message));
        Assert.False(NodeHealth.WentSilent(node, lease, Epoch.AddSeconds(200)));
    }

    [Fact]
    public void Taints_follow_readiness_and_cordoning_and_keep_other_taints()
    {
        var other = new Taint { Key = "dedicated", Value = "db", Effect = "NoSchedule" };

        Assert.Equal(["dedicated"], NodeHealth.DesiredTaints(Node("True", Epoch, taints: [other]), Epoch).Select(t => t.Key));
        Assert.Equal(
            [("node.kubernetes.io/not-ready", "NoSchedule"), ("node.kubernetes.io/not-ready", "NoExecute")],
            NodeHealth.DesiredTaints(Node("False", Epoch), Epoch).Select(t => (t.Key!, t.Effect!)));
        Assert.All(NodeHealth.DesiredTaints(Node("Unknown", Epoch), Epoch), t => Assert.Equal("node.kubernetes.io/unreachable", t.Key));
        Assert.Contains(NodeHealth.DesiredTaints(Node("True", Epoch, cordoned: true), Epoch), t => t.Key == "node.kubernetes.io/unschedulable" && t.Effect == "NoSchedule");
    }

    [Fact]
    public void Deciding_a_node_reads_the_cached_object_without_changing_it()
    {
        var kept = new Taint { Key = "node.kubernetes.io/unreachable", Effect = "NoExecute", TimeAdded = Epoch };
        var node = Node("False", Epoch, cordoned: true, taints: [kept]);
        var before = KubeJson.Serialize(node);

        Assert.True(NodeHealth.WentSilent(node, null, Epoch.AddSeconds(100)));
        var taints = NodeHealth.DesiredTaints(node, Epoch.AddSeconds(100));

        Assert.False(NodeHealth.SameTaints(node.Spec!.Taints, taints));
        Assert.Equal(before, KubeJson.Serialize(node));
        Assert.True(NodeHealth.SameTaints(taints, NodeHealth.DesiredTaints(Node("False", Epoch, cordoned: true, taints: taints), Epoch.AddSeconds(200))));
    }

    [Fact]
    public void Pods_are_indexed_under_the_node_they_are_bound_to()
    {
        var bound = Pod("bound");
        bound.Spec!.NodeName = "n1";

        Assert.Equal(["n1"], NodeLifecycleController.PodNodeNames(bound));
        Assert.Empty(NodeLifecycleController.PodNodeNames(Pod("pending", node: null)));
    }

    [Fact]
    public void Pods_leave_tainted_nodes_after_their_toleration_seconds_or_the_default_five_minutes()
    {
        var unreachable = new Taint { Key = "node.kubernetes.io/unreachable", Effect = "NoExecute", TimeAdded = Epoch };
        var plain = Pod("plain");
        var patient = Pod("patient");
        patient.Spec!.Tolerations = [new Toleration { Key = "node.kubernetes.io/unreachable", Operator = "Exists", Effect = "NoExecute", TolerationSeconds = 60 }];
        var daemon = Pod("daemon");
        daemon.Spec!.Tolerations = [new Toleration { Key = "node.kubernetes.io/unreachable", Operator = "Exists", Effect = "NoExecute" }];
        var custom = new Taint { Key = "maintenance", Effect = "NoExecute", TimeAdded = Epoch };

        Assert.Equal(Epoch.AddSeconds(300), NodeHealth.EvictionTime(plain, [unreachable], Epoch));
        Assert.Equal(Epoch.AddSeconds(60), NodeHealth.EvictionTime(patient, [unreachable], Epoch));
        Assert.Null(NodeHealth.EvictionTime(daemon, [unreachable], Epoch));
        Assert.Equal(Epoch.AddSeconds(5), NodeHealth.EvictionTime(daemon, [unreachable, custom], Epoch.AddSeconds(5)));
    }
}
