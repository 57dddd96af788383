using KubeSharp.Api.Core.V1;
using static KubeSharp.Scheduler.Tests.TestCluster;

namespace KubeSharp.Scheduler.Tests;

public class TopologySpreadTests
{
    [Fact]
    public void DoNotSchedule_spread_refuses_skew_above_maxSkew()
    {
        var pod = Pod("web-3", app: "web").WithSpread(Spread(Zone, "web"));

        var result = Schedule(pod, On(Node("node-1", zone: "a"), Pod("web-1", app: "web")), On(Node("node-2", zone: "b", unschedulable: true)));

        Assert.Equal(
            "0/2 nodes are available: 1 node(s) didn't match pod topology spread constraints, 1 node(s) were unschedulable."
            + " preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod., 1 Preemption is not helpful for scheduling..",
            result.FailureMessage);
    }

    [Fact]
    public void DoNotSchedule_spread_sends_the_pod_to_the_emptiest_zone()
    {
        var pod = Pod("web-3", app: "web").WithSpread(Spread(Zone, "web"));

        var result = Schedule(pod, On(Node("node-1", zone: "a"), Pod("web-1", app: "web")), On(Node("node-2", zone: "b")));

        Assert.Equal("node-2", result.NodeName);
    }

    [Fact]
    public void Nodes_without_the_topology_label_are_refused_for_a_hard_constraint()
    {
        var pod = Pod("web-1", app: "web").WithSpread(Spread(Zone, "web"));

        Assert.StartsWith(
            "0/1 nodes are available: 1 node(s) didn't match pod topology spread constraints (missing required label).",
            Schedule(pod, On(Node("node-1"))).FailureMessage);
    }

    [Fact]
    public void Below_minDomains_the_global_minimum_counts_as_zero()
    {
        var nodes = new[] { On(Node("node-1", zone: "a"), Pod("web-1", app: "web")), On(Node("node-2", zone: "b"), Pod("web-2", app: "web")) };
        var constraint = Spread(Zone, "web");

        Assert.True(Schedule(Pod("web-3", app: "web").WithSpread(constraint), nodes).Scheduled);

        constraint.MinDomains = 3;
        Assert.False(Schedule(Pod("web-3", app: "web").WithSpread(constraint), nodes).Scheduled);
    }

    [Fact]
    public void Domains_of_nodes_the_pod_cannot_use_do_not_count_unless_nodeAffinityPolicy_is_Ignore()
    {
        var nodes = new[]
        {
            On(Node("node-1", zone: "a", labels: new() { ["disk"] = "ssd" }), Pod("web-1", app: "web")),
            On(Node("node-2", zone: "b", labels: new() { ["disk"] = "hdd" })),
        };
        var honor = Pod("web-2", app: "web").WithSpread(Spread(Zone, "web"));
        honor.Spec!.NodeSelector = new() { ["disk"] = "ssd" };

        Assert.Equal("node-1", Schedule(honor, nodes).NodeName);

        var ignore = Pod("web-2", app: "web").WithSpread(Spread(Zone, "web"));
        ignore.Spec!.NodeSelector = new() { ["disk"] = "ssd" };
        ignore.Spec.TopologySpreadConstraints![0].NodeAffinityPolicy = "Ignore";
        Assert.False(Schedule(ignore, nodes).Scheduled);
    }

    [Fact]
    public void Tainted_nodes_count_unless_nodeTaintsPolicy_is_Honor()
    {
        var tainted = Node("node-2", zone: "b");
        tainted.Spec!.Taints = [new Taint { Key = "dedicated", Value = "db", Effect = "NoSchedule" }];
        var nodes = new[] { On(Node("node-1", zone: "a"), Pod("web-1", app: "web")), On(tainted) };

        Assert.False(Schedule(Pod("web-2", app: "web").WithSpread(Spread(Zone, "web")), nodes).Scheduled);

        var honor = Pod("web-2", app: "web").WithSpread(Spread(Zone, "web"));
        honor.Spec!.TopologySpreadConstraints![0].NodeTaintsPolicy = "Honor";
        Assert.Equal("node-1", Schedule(honor, nodes).NodeName);
    }

    [Fact]
    public void MatchLabelKeys_counts_only_pods_with_the_same_values()
    {
        var oldRevision = new Dictionary<string, string> { ["pod-template-hash"] = "old" };
        var nodes = new[]
        {
            On(Node("node-1", zone: "a"), Pod("web-1", app: "web", labels: oldRevision), Pod("web-2", app: "web", labels: oldRevision)),
            On(Node("node-2", zone: "b", unschedulable: true)),
        };
        var newRevision = new Dictionary<string, string> { ["pod-template-hash"] = "new" };
        var constraint = Spread(Zone, "web");
        constraint.MatchLabelKeys = ["pod-template-hash"];

        Assert.Equal("node-1", Schedule(Pod("web-3", app: "web", labels: newRevision).WithSpread(constraint), nodes).NodeName);
        Assert.False(Schedule(Pod("web-3", app: "web", labels: newRevision).WithSpread(Spread(Zone, "web")), nodes).Scheduled);
    }

    [Fact]
    public void ScheduleAnyway_spread_prefers_the_domain_with_fewer_matching_pods()
    {
        var pod = Pod("web-3", app: "web").WithSpread(Spread(Zone, "web", whenUnsatisfiable: "ScheduleAnyway"));

        var result = Schedule(
            pod,
            On(Node("node-1", zone: "a"), Pod("web-1", app: "web"), Pod("web-2", app: "web")),
            On(Node("node-2", zone: "b"), Pod("db-1", app: "db"), Pod("db-2", app: "db")));

        Assert.Equal("node-2", result.NodeName);
    }

    [Fact]
    public void System_default_spreading_keeps_replicas_of_one_controller_apart()
    {
        var result = Schedule(
            Pod("web-3", app: "web").OwnedBy("rs-1"),
            On(Node("node-1"), Pod("web-1", app: "web").OwnedBy("rs-1"), Pod("web-2", app: "web").OwnedBy("rs-1")),
            On(Node("node-2"), Pod("db-1", app: "db").OwnedBy("rs-2"), Pod("db-2", app: "db").OwnedBy("rs-2")));

        Assert.Equal("node-2", result.NodeName);
    }
}
