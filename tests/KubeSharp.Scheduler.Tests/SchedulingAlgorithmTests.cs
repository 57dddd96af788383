using KubeSharp.Api;
using KubeSharp.Api.Core.V1;

namespace KubeSharp.Scheduler.Tests;

public class SchedulingAlgorithmTests
{
    private static Node Node(string name, string cpu = "4", string memory = "8Gi", int pods = 110, bool ready = true, Dictionary<string, string>? labels = null, List<Taint>? taints = null, bool unschedulable = false) => new()
    {
        Metadata = new ObjectMeta { Name = name, Labels = labels ?? new() { ["kubernetes.io/hostname"] = name } },
        Spec = new NodeSpec { Taints = taints, Unschedulable = unschedulable ? true : null },
        Status = new NodeStatus
        {
            Allocatable = new() { ["cpu"] = Quantity.Parse(cpu), ["memory"] = Quantity.Parse(memory), ["pods"] = Quantity.Parse(pods.ToString(System.Globalization.CultureInfo.InvariantCulture)) },
            Conditions = [new NodeCondition { Type = "Ready", Status = ready ? "True" : "False" }],
        },
    };

    private static Pod Pod(string name, string? cpu = null, string? memory = null, string? node = null, int? hostPort = null) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "default" },
        Spec = new PodSpec
        {
            NodeName = node,
            Containers =
            [
                new Container
                {
                    Name = "c",
                    Image = "nginx",
                    Resources = new ResourceRequirements
                    {
                        Requests = new Dictionary<string, Quantity>()
                            .With("cpu", cpu)
                            .With("memory", memory),
                    },
                    Ports = hostPort is int port ? [new ContainerPort { ContainerPortValue = 80, HostPort = port }] : null,
                },
            ],
        },
    };

    private static SchedulingResult Schedule(Pod pod, params NodeInfo[] nodes) => SchedulingAlgorithm.Schedule(pod, nodes, new Random(1));

    private static NodeInfo On(Node node, params Pod[] pods) => new(node, pods);

    [Fact]
    public void Pods_that_do_not_fit_stay_pending_with_reason()
    {
        var result = Schedule(Pod("big", cpu: "2"), On(Node("node-1", cpu: "1")));

        Assert.False(result.Scheduled);
        Assert.Equal("0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod..", result.FailureMessage);
    }

    [Fact]
    public void Requests_of_pods_already_on_the_node_are_subtracted()
    {
        var node = Node("node-1", cpu: "2", memory: "1Gi");
        var result = Schedule(Pod("new", cpu: "1", memory: "600Mi"), On(node, Pod("old", cpu: "1500m", memory: "500Mi", node: "node-1")));

        Assert.Equal("0/1 nodes are available: 1 Insufficient cpu, 1 Insufficient memory. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod..", result.FailureMessage);
    }

    [Fact]
    public void Failure_message_counts_each_reason_over_all_nodes()
    {
        var pod = Pod("p", cpu: "3");
        pod.Spec!.NodeSelector = new() { ["disk"] = "ssd" };
        var nodes = new[]
        {
            On(Node("a", labels: new() { ["disk"] = "ssd" }, cpu: "2")),
            On(Node("b")),
            On(Node("c")),
        };

        var result = Schedule(pod, nodes);

        Assert.Equal("0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't match Pod's node affinity/selector."
            + " preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod., 2 Preemption is not helpful for scheduling..", result.FailureMessage);
    }

    [Fact]
    public void Not_ready_tainted_and_cordoned_nodes_are_skipped_unless_tolerated()
    {
        var nodes = new[]
        {
            On(Node("down", ready: false)),
            On(Node("gpu", taints: [new Taint { Key = "gpu", Value = "true", Effect = "NoSchedule" }])),
            On(Node("cordoned", unschedulable: true)),
        };

        var result = Schedule(Pod("p"), nodes);
        Assert.Equal(
            "0/3 nodes are available: 1 node(s) had untolerated taint {gpu: true}, 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }, 1 node(s) were unschedulable."
            + " preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling..",
            result.FailureMessage);

        var tolerant = Pod("tolerant");
        tolerant.Spec!.Tolerations = [new Toleration { Key = "gpu", Operator = "Equal", Value = "true", Effect = "NoSchedule" }];
        Assert.Equal("gpu", Schedule(tolerant, nodes).NodeName);
    }

    [Fact]
    public void Required_node_affinity_must_match_one_term()
    {
        var pod = Pod("p");
        pod.Spec!.Affinity = new Affinity
        {
            NodeAffinity = new NodeAffinity
            {
                RequiredDuringSchedulingIgnoredDuringExecution = new NodeSelector
                {
                    NodeSelectorTerms =
                    [
                        new NodeSelectorTerm { MatchExpressions = [new NodeSelectorRequirement { Key = "zone", Operator = "In", Values = ["east"] }] },
                        new NodeSelectorTerm { MatchFields = [new NodeSelectorRequirement { Key = "metadata.name", Operator = "In", Values = ["special"] }] },
                    ],
                },
            },
        };

        Assert.Equal("special", Schedule(pod, On(Node("west", labels: new() { ["zone"] = "west" })), On(Node("special"))).NodeName);
        Assert.Equal("east", Schedule(pod, On(Node("east", labels: new() { ["zone"] = "east" })), On(Node("west", labels: new() { ["zone"] = "west" }))).NodeName);
    }

    [Fact]
    public void Host_port_conflicts_and_full_nodes_are_reported()
    {
        Assert.Equal(
            "0/1 nodes are available: 1 node(s) didn't have free ports for the requested pod ports."
            + " preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod..",
            Schedule(Pod("p", hostPort: 8080), On(Node("node-1"), Pod("q", hostPort: 8080, node: "node-1"))).FailureMessage);
        Assert.True(Schedule(Pod("p", hostPort: 8081), On(Node("node-1"), Pod("q", hostPort: 8080, node: "node-1"))).Scheduled);
        Assert.Equal("0/1 nodes are available: 1 Too many pods. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod..", Schedule(Pod("p"), On(Node("node-1", pods: 1), Pod("q", node: "node-1"))).FailureMessage);
    }

    [Fact]
    public void Least_allocated_node_wins()
    {
        var busy = On(Node("busy"), Pod("a", cpu: "3", memory: "6Gi", node: "busy"));
        var idle = On(Node("idle"));

        Assert.Equal("idle", Schedule(Pod("p", cpu: "500m", memory: "1Gi"), busy, idle).NodeName);
    }

    [Fact]
    public void No_nodes_means_no_nodes_available()
    {
        Assert.Equal("no nodes available to schedule pods", Schedule(Pod("p")).FailureMessage);
    }

    [Fact]
    public void Init_containers_count_by_their_largest_request()
    {
        var pod = Pod("p", cpu: "1");
        pod.Spec!.InitContainers = [new Container { Name = "init", Resources = new ResourceRequirements { Requests = new() { ["cpu"] = Quantity.Parse("3") } } }];

        Assert.Equal(3000, ResourceList.RequestsOf(pod)[ResourceList.Cpu]);
    }

    [Fact]
    public void Only_unbound_pods_of_the_default_scheduler_are_scheduled()
    {
        Assert.True(PodScheduler.NeedsScheduling(Pod("p")));
        Assert.False(PodScheduler.NeedsScheduling(Pod("p", node: "n")));
        var other = Pod("p");
        other.Spec!.SchedulerName = "my-scheduler";
        Assert.False(PodScheduler.NeedsScheduling(other));
    }
}

internal static class QuantityMapExtensions
{
    public static Dictionary<string, Quantity> With(this Dictionary<string, Quantity> map, string key, string? value)
    {
        if (value is not null)
        {
            map[key] = Quantity.Parse(value);
        }

        return map;
    }
}
