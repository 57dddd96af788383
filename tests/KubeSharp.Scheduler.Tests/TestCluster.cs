using KubeSharp.Api;
using KubeSharp.Api.Core.V1;

namespace KubeSharp.Scheduler.Tests;

/// <summary>Builders for nodes and pods in scheduling specifications.</summary>
internal static class TestCluster
{
    public const string Hostname = "kubernetes.io/hostname";
    public const string Zone = "topology.kubernetes.io/zone";

    public static Node Node(string name, string cpu = "4", string memory = "8Gi", string? zone = null, Dictionary<string, string>? labels = null, bool unschedulable = false)
    {
        var all = new Dictionary<string, string>(labels ?? []) { [Hostname] = name };
        if (zone is not null)
        {
            all[Zone] = zone;
        }

        return new Node
        {
            Metadata = new ObjectMeta { Name = name, Labels = all },
            Spec = new NodeSpec { Unschedulable = unschedulable ? true : null },
            Status = new NodeStatus
            {
                Allocatable = new() { ["cpu"] = Quantity.Parse(cpu), ["memory"] = Quantity.Parse(memory), ["pods"] = Quantity.Parse("110") },
                Conditions = [new NodeCondition { Type = "Ready", Status = "True" }],
            },
        };
    }

    public static Pod Pod(string name, string? app = null, string? cpu = null, string ns = "default", int priority = 0, Dictionary<string, string>? labels = null, DateTimeOffset? started = null)
    {
        var all = new Dictionary<string, string>(labels ?? []);
        if (app is not null)
        {
            all["app"] = app;
        }

        return new Pod
        {
            Metadata = new ObjectMeta { Name = name, Namespace = ns, Labels = all, Uid = $"uid-{name}" },
            Spec = new PodSpec
            {
                Priority = priority,
                Containers =
                [
                    new Container
                    {
                        Name = "c",
                        Image = "nginx",
                        Resources = cpu is null ? null : new ResourceRequirements { Requests = new() { ["cpu"] = Quantity.Parse(cpu) } },
                    },
                ],
            },
            Status = started is null ? null : new PodStatus { StartTime = started },
        };
    }

    public static Pod WithAffinity(this Pod pod, PodAffinity? affinity = null, PodAntiAffinity? antiAffinity = null)
    {
        pod.Spec!.Affinity = new Affinity { PodAffinity = affinity, PodAntiAffinity = antiAffinity };
        return pod;
    }

    public static Pod WithSpread(this Pod pod, params TopologySpreadConstraint[] constraints)
    {
        pod.Spec!.TopologySpreadConstraints = [.. constraints];
        return pod;
    }

    public static Pod OwnedBy(this Pod pod, string controllerUid)
    {
        pod.Metadata!.OwnerReferences = [new OwnerReference { ApiVersion = "apps/v1", Kind = "ReplicaSet", Name = "rs", Uid = controllerUid, Controller = true }];
        return pod;
    }

    public static PodAffinityTerm Term(string topologyKey, string app, List<string>? namespaces = null, LabelSelector? namespaceSelector = null) => new()
    {
        TopologyKey = topologyKey,
        LabelSelector = new LabelSelector { MatchLabels = new() { ["app"] = app } },
        Namespaces = namespaces,
        NamespaceSelector = namespaceSelector,
    };

    public static TopologySpreadConstraint Spread(string topologyKey, string app, int maxSkew = 1, string whenUnsatisfiable = "DoNotSchedule") => new()
    {
        MaxSkew = maxSkew,
        TopologyKey = topologyKey,
        WhenUnsatisfiable = whenUnsatisfiable,
        LabelSelector = new LabelSelector { MatchLabels = new() { ["app"] = app } },
    };

    public static NodeInfo On(Node node, params Pod[] pods)
    {
        foreach (var pod in pods)
        {
            pod.Spec!.NodeName = node.Metadata!.Name;
        }

        return new NodeInfo(node, pods);
    }

    public static SchedulingResult Schedule(Pod pod, params NodeInfo[] nodes) => Schedule(pod, ClusterObjects.Empty, nodes);

    public static SchedulingResult Schedule(Pod pod, ClusterObjects cluster, params NodeInfo[] nodes) =>
        SchedulingAlgorithm.Schedule(pod, nodes, cluster, new SchedulingOptions(), new Random(1));

    public const string NoVictims = "No preemption victims found for incoming pod.";
    public const string NotHelpful = "Preemption is not helpful for scheduling.";
}
