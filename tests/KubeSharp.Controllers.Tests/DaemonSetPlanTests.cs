using KubeSharp.Api;
using KubeSharp.Api.Apps.V1;
using KubeSharp.Api.Core.V1;
using KubeSharp.Controllers.DaemonSets;
using static KubeSharp.Controllers.Tests.PodBuilder;

namespace KubeSharp.Controllers.Tests;

public class DaemonSetPlanTests
{
    private static Node Node(string name, Dictionary<string, string>? labels = null, List<Taint>? taints = null, bool ready = true) => new()
    {
        Metadata = new ObjectMeta { Name = name, Labels = labels },
        Spec = new NodeSpec { Taints = taints },
        Status = new NodeStatus { Conditions = [new NodeCondition { Type = "Ready", Status = ready ? "True" : "False" }] },
    };

    private static DaemonSet DaemonSet(Dictionary<string, string>? nodeSelector = null, int maxUnavailable = 1) => new()
    {
        Metadata = new ObjectMeta { Name = "agent", Namespace = "default", Generation = 1 },
        Spec = new DaemonSetSpec
        {
            Template = new PodTemplateSpec { Spec = new PodSpec { NodeSelector = nodeSelector, Containers = [new Container { Name = "a", Image = "agent" }] } },
            UpdateStrategy = new DaemonSetUpdateStrategy { Type = "RollingUpdate", RollingUpdate = new RollingUpdateDaemonSet { MaxUnavailable = maxUnavailable } },
        },
    };

    private static Pod DaemonPod(string name, string node, string hash)
    {
        var pod = Pod(name, node: node);
        pod.Metadata!.Labels![DaemonSetPlan.RevisionHashLabel] = hash;
        return pod;
    }

    [Fact]
    public void Daemon_pods_go_to_every_eligible_node_and_leave_the_others()
    {
        var nodes = new[]
        {
            Node("linux-1", new() { ["os"] = "linux" }),
            Node("linux-2", new() { ["os"] = "linux" }),
            Node("windows", new() { ["os"] = "windows" }),
            Node("tainted", new() { ["os"] = "linux" }, [new Taint { Key = "dedicated", Value = "db", Effect = "NoSchedule" }]),
        };
        var pods = new[] { DaemonPod("on-linux-1", "linux-1", "h1"), DaemonPod("on-windows", "windows", "h1") };

        var decision = DaemonSetPlan.Decide(DaemonSet(new() { ["os"] = "linux" }), nodes, pods, "h1", Epoch);

        Assert.Equal(["linux-2"], decision.NodesNeedingPods);
        Assert.Equal("on-windows", Assert.Single(decision.PodsToDelete).Metadata!.Name);
        Assert.Equal((2, 1, 1), (decision.Status.DesiredNumberScheduled!.Value, decision.Status.CurrentNumberScheduled!.Value, decision.Status.NumberMisscheduled!.Value));
    }

    [Fact]
    public void Daemon_pods_tolerate_cordoned_nodes()
    {
        var cordoned = Node("cordoned");
        cordoned.Spec!.Unschedulable = true;
        cordoned.Spec.Taints = [new Taint { Key = "node.kubernetes.io/unschedulable", Effect = "NoSchedule" }];

        Assert.Equal(["cordoned"], DaemonSetPlan.Decide(DaemonSet(), [cordoned], [], "h1", Epoch).NodesNeedingPods);
    }

    [Fact]
    public void Rolling_update_replaces_at_most_max_unavailable_pods_at_a_time()
    {
        var nodes = new[] { Node("a"), Node("b"), Node("c") };
        var pods = new[] { DaemonPod("pa", "a", "old"), DaemonPod("pb", "b", "old"), DaemonPod("pc", "c", "old") };

        var decision = DaemonSetPlan.Decide(DaemonSet(maxUnavailable: 1), nodes, pods, "new", Epoch);
        Assert.Single(decision.PodsToDelete);

        var oneBeingReplaced = DaemonSetPlan.Decide(DaemonSet(maxUnavailable: 1), nodes, pods.Take(2).ToArray(), "new", Epoch);
        Assert.Equal(["c"], oneBeingReplaced.NodesNeedingPods);
        Assert.Empty(oneBeingReplaced.PodsToDelete);
    }
}
