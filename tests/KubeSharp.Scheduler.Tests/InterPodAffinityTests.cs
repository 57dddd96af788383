using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using static KubeSharp.Scheduler.Tests.TestCluster;

namespace KubeSharp.Scheduler.Tests;

public class InterPodAffinityTests
{
    private static Pod AntiWeb(string name) =>
        Pod(name, app: "web").WithAntiAffinity(Term(Hostname, "web"));

    [Fact]
    public void Required_anti_affinity_keeps_two_replicas_off_one_hostname()
    {
        var result = Schedule(AntiWeb("web-2"), On(Node("node-1"), Pod("web-1", app: "web")), On(Node("node-2")));

        Assert.Equal("node-2", result.NodeName);
    }

    [Fact]
    public void Anti_affinity_and_resource_failures_are_counted_per_node_in_the_message()
    {
        var pod = AntiWeb("web-2");
        pod.Spec!.Containers![0].Resources = new ResourceRequirements { Requests = new() { ["cpu"] = Quantity.Parse("2") } };

        var result = Schedule(pod, On(Node("node-1"), Pod("web-1", app: "web")), On(Node("node-2", cpu: "1")), On(Node("node-3", cpu: "1")));

        Assert.Equal(
            "0/3 nodes are available: 1 node(s) didn't match pod anti-affinity rules, 2 Insufficient cpu."
            + " preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod..",
            result.FailureMessage);
    }

    [Fact]
    public void Existing_pods_anti_affinity_keeps_the_incoming_pod_away_even_without_its_own_terms()
    {
        var db = Pod("db-1", app: "db").WithAntiAffinity(Term(Hostname, "web"));

        Assert.Equal("node-2", Schedule(Pod("web-1", app: "web"), On(Node("node-1"), db), On(Node("node-2"))).NodeName);
        Assert.StartsWith(
            "0/1 nodes are available: 1 node(s) didn't satisfy existing pods anti-affinity rules.",
            Schedule(Pod("web-1", app: "web"), On(Node("node-1"), Pod("db-1", app: "db").WithAntiAffinity(Term(Hostname, "web")))).FailureMessage);
    }

    [Fact]
    public void Required_affinity_places_the_pod_in_the_zone_of_a_matching_pod()
    {
        var pod = Pod("web-1", app: "web").WithAffinity(affinity: new PodAffinity { RequiredDuringSchedulingIgnoredDuringExecution = [Term(Zone, "cache")] });
        var nodes = new[] { On(Node("node-1", zone: "a")), On(Node("node-2", zone: "b"), Pod("cache-1", app: "cache")), On(Node("node-3", zone: "b")) };

        for (var seed = 0; seed < 5; seed++)
        {
            var result = SchedulingAlgorithm.Schedule(pod, nodes, ClusterObjects.Empty, new SchedulingOptions(), new Random(seed));
            Assert.Contains(result.NodeName, new[] { "node-2", "node-3" });
        }

        Assert.Equal(
            "0/1 nodes are available: 1 node(s) didn't match pod affinity rules. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling..",
            Schedule(pod, On(Node("node-1", zone: "a"))).FailureMessage);
    }

    [Fact]
    public void The_first_pod_of_a_group_with_affinity_to_itself_may_go_anywhere()
    {
        var pod = Pod("web-1", app: "web").WithAffinity(affinity: new PodAffinity { RequiredDuringSchedulingIgnoredDuringExecution = [Term(Hostname, "web")] });

        Assert.Equal("node-1", Schedule(pod, On(Node("node-1"))).NodeName);
    }

    [Fact]
    public void Terms_cover_the_pods_own_namespace_unless_namespaces_are_listed()
    {
        var otherNamespace = Pod("web-1", app: "web", ns: "other");

        Assert.Equal("node-1", Schedule(AntiWeb("web-2"), On(Node("node-1"), otherNamespace)).NodeName);

        var listed = Pod("web-2", app: "web").WithAntiAffinity(Term(Hostname, "web", namespaces: ["other"]));
        Assert.False(Schedule(listed, On(Node("node-1"), Pod("web-1", app: "web", ns: "other"))).Scheduled);
    }

    [Fact]
    public void Namespace_selector_selects_namespaces_by_their_labels()
    {
        var cluster = new ClusterObjects { NamespaceLabels = name => name == "team-a" ? new Dictionary<string, string> { ["team"] = "a" } : new Dictionary<string, string>() };
        var pod = Pod("web-2", app: "web").WithAntiAffinity(Term(Hostname, "web", namespaceSelector: new LabelSelector { MatchLabels = new() { ["team"] = "a" } }));

        Assert.False(Schedule(pod, cluster, On(Node("node-1"), Pod("web-1", app: "web", ns: "team-a"))).Scheduled);
        Assert.True(Schedule(pod, cluster, On(Node("node-1"), Pod("web-1", app: "web", ns: "team-b"))).Scheduled);
    }

    [Fact]
    public void Preferred_affinity_draws_the_pod_to_nodes_with_matching_pods()
    {
        var pod = Pod("web-1", app: "web").WithAffinity(affinity: new PodAffinity
        {
            PreferredDuringSchedulingIgnoredDuringExecution = [new WeightedPodAffinityTerm { Weight = 100, PodAffinityTerm = Term(Hostname, "cache") }],
        });

        Assert.Equal("node-1", Schedule(pod, On(Node("node-1"), Pod("cache-1", app: "cache")), On(Node("node-2"))).NodeName);
    }

    [Fact]
    public void Preferred_anti_affinity_pushes_the_pod_away_from_matching_pods()
    {
        var pod = Pod("web-2", app: "web").WithAffinity(antiAffinity: new PodAntiAffinity
        {
            PreferredDuringSchedulingIgnoredDuringExecution = [new WeightedPodAffinityTerm { Weight = 100, PodAffinityTerm = Term(Hostname, "web") }],
        });

        Assert.Equal("node-2", Schedule(pod, On(Node("node-1"), Pod("web-1", app: "web")), On(Node("node-2"), Pod("db-1", app: "db"))).NodeName);
    }
}

internal static class AffinityPods
{
    public static Pod WithAntiAffinity(this Pod pod, params PodAffinityTerm[] required) =>
        pod.WithAffinity(antiAffinity: new PodAntiAffinity { RequiredDuringSchedulingIgnoredDuringExecution = [.. required] });
}
