using KubeSharp.Api;
using KubeSharp.Api.Policy.V1;
using static KubeSharp.Scheduler.Tests.TestCluster;

namespace KubeSharp.Scheduler.Tests;

public class PreemptionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Preemption_evicts_the_fewest_lowest_priority_pods()
    {
        var full = On(
            Node("node-1", cpu: "4"),
            Pod("low-a", cpu: "1", priority: 1, started: T0),
            Pod("low-b", cpu: "1", priority: 1, started: T0.AddMinutes(1)),
            Pod("low-c", cpu: "2", priority: 1, started: T0.AddMinutes(2)));
        var important = On(Node("node-2", cpu: "4"), Pod("mid", cpu: "4", priority: 50));

        var result = Schedule(Pod("urgent", cpu: "2", priority: 100), full, important);

        Assert.False(result.Scheduled);
        Assert.Equal("0/2 nodes are available: 2 Insufficient cpu.", result.FailureMessage);
        Assert.Equal("node-1", result.Preemption!.NodeName);
        Assert.Equal(["low-c"], result.Preemption.Victims.Select(v => v.Pod.Metadata!.Name));
    }

    [Fact]
    public void Pods_of_equal_or_higher_priority_are_never_victims()
    {
        var result = Schedule(Pod("p", cpu: "2", priority: 10), On(Node("node-1", cpu: "2"), Pod("q", cpu: "2", priority: 10)));

        Assert.Null(result.Preemption);
        Assert.Equal("0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod..", result.FailureMessage);
    }

    [Fact]
    public void Preemption_policy_Never_leaves_lower_priority_pods_alone()
    {
        var pod = Pod("p", cpu: "2", priority: 100);
        pod.Spec!.PreemptionPolicy = "Never";

        var result = Schedule(pod, On(Node("node-1", cpu: "2"), Pod("q", cpu: "2")));

        Assert.Null(result.Preemption);
        Assert.Equal("0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.", result.FailureMessage);
    }

    [Fact]
    public void Preemption_avoids_victims_a_disruption_budget_protects()
    {
        var budget = new PodDisruptionBudget
        {
            Metadata = new ObjectMeta { Name = "db", Namespace = "default" },
            Spec = new PodDisruptionBudgetSpec { Selector = new LabelSelector { MatchLabels = new() { ["app"] = "db" } } },
            Status = new PodDisruptionBudgetStatus { DisruptionsAllowed = 0 },
        };
        var cluster = new ClusterObjects { DisruptionBudgets = () => [budget] };

        var result = Schedule(
            Pod("urgent", cpu: "2", priority: 100),
            cluster,
            On(Node("node-1", cpu: "2"), Pod("db-1", app: "db", cpu: "2")),
            On(Node("node-2", cpu: "2"), Pod("batch-1", app: "batch", cpu: "2")));

        Assert.Equal("node-2", result.Preemption!.NodeName);
        Assert.Equal(["batch-1"], result.Preemption.Victims.Select(v => v.Pod.Metadata!.Name));
    }

    [Fact]
    public void Preemption_prefers_the_node_whose_most_important_victim_has_the_lowest_priority()
    {
        var result = Schedule(
            Pod("urgent", cpu: "2", priority: 100),
            On(Node("node-1", cpu: "2"), Pod("mid", cpu: "2", priority: 50)),
            On(Node("node-2", cpu: "2"), Pod("low", cpu: "2", priority: 5)));

        Assert.Equal("node-2", result.Preemption!.NodeName);
    }

    [Fact]
    public void Preemption_removes_a_lower_priority_pod_that_anti_affinity_forbids_sharing_a_node_with()
    {
        var pod = Pod("web-2", app: "web", priority: 100).WithAntiAffinity(Term(Hostname, "web"));

        var result = Schedule(pod, On(Node("node-1"), Pod("web-1", app: "web"), Pod("db-1", app: "db")));

        Assert.Equal("node-1", result.Preemption!.NodeName);
        Assert.Equal(["web-1"], result.Preemption.Victims.Select(v => v.Pod.Metadata!.Name));
    }

    [Fact]
    public void Room_freed_for_a_nominated_pod_is_not_taken_by_a_lower_priority_pod()
    {
        var nominated = new PodInfo(Pod("urgent", cpu: "3", priority: 100));
        var options = new SchedulingOptions { Nominated = new Dictionary<string, List<PodInfo>> { ["node-1"] = [nominated] } };
        var nodes = new[] { On(Node("node-1", cpu: "4")) };

        Assert.False(SchedulingAlgorithm.Schedule(Pod("small", cpu: "2"), nodes, ClusterObjects.Empty, options, new Random(1)).Scheduled);
        Assert.True(SchedulingAlgorithm.Schedule(Pod("also-urgent", cpu: "1", priority: 100), nodes, ClusterObjects.Empty, options, new Random(1)).Scheduled);
    }
}

public class PreemptionInProgressTests
{
    [Fact]
    public void A_nominated_pod_waits_for_its_terminating_victims_instead_of_preempting_again()
    {
        var victim = Pod("low", cpu: "2", priority: 1);
        victim.Metadata!.DeletionTimestamp = DateTimeOffset.UnixEpoch;
        var pod = Pod("urgent", cpu: "2", priority: 100);
        pod.Status = new KubeSharp.Api.Core.V1.PodStatus { NominatedNodeName = "node-1" };

        var result = Schedule(pod, On(Node("node-1", cpu: "2"), victim));

        Assert.Null(result.Preemption);
        Assert.EndsWith("preemption: not eligible due to a terminating pod on the nominated node.", result.FailureMessage);
    }
}
