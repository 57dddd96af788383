using static KubeSharp.Scheduler.Tests.TestCluster;

namespace KubeSharp.Scheduler.Tests;

public class SchedulerCacheTests
{
    [Fact]
    public void Bound_pods_count_on_their_node_until_deleted()
    {
        var cache = new SchedulerCache();
        cache.SetNode(Node("node-1"));
        var pod = Pod("web-1", cpu: "1");
        pod.Spec!.NodeName = "node-1";

        cache.UpdatePod(pod);
        Assert.Equal(1000, cache.Nodes[0].Requested["cpu"]);

        cache.RemovePod("default/web-1");
        Assert.Empty(cache.Nodes[0].Pods);
        Assert.Equal(0, cache.Nodes[0].Requested["cpu"]);
    }

    [Fact]
    public void An_assumed_pod_stays_counted_while_the_informer_still_shows_it_unbound()
    {
        var cache = new SchedulerCache();
        cache.SetNode(Node("node-1"));
        var bound = Pod("web-1", cpu: "1");
        bound.Spec!.NodeName = "node-1";

        cache.Assume(bound, "node-1");
        cache.UpdatePod(Pod("web-1", cpu: "1"));
        Assert.Single(cache.Nodes[0].Pods);

        cache.UpdatePod(bound);
        Assert.Single(cache.Nodes[0].Pods);
        Assert.False(cache.IsAssumed("default/web-1"));
    }

    [Fact]
    public void Finished_pods_free_their_node()
    {
        var cache = new SchedulerCache();
        cache.SetNode(Node("node-1"));
        var pod = Pod("job-1", cpu: "1");
        pod.Spec!.NodeName = "node-1";
        cache.UpdatePod(pod);

        pod.Status = new KubeSharp.Api.Core.V1.PodStatus { Phase = "Succeeded" };
        cache.UpdatePod(pod);

        Assert.Empty(cache.Nodes[0].Pods);
    }

    [Fact]
    public void Pods_seen_before_their_node_are_counted_once_it_appears()
    {
        var cache = new SchedulerCache();
        var pod = Pod("web-1", cpu: "1");
        pod.Spec!.NodeName = "node-1";
        cache.UpdatePod(pod);
        Assert.Empty(cache.Nodes);

        cache.SetNode(Node("node-1"));

        Assert.Single(cache.Nodes[0].Pods);
    }

    [Fact]
    public void A_preemptor_is_nominated_until_it_is_bound()
    {
        var cache = new SchedulerCache();
        cache.SetNode(Node("node-1"));
        var pod = Pod("urgent", priority: 100);
        cache.Nominate(pod, "node-1");
        Assert.Single(cache.NominatedByNode["node-1"]);

        pod.Spec!.NodeName = "node-1";
        cache.UpdatePod(pod);

        Assert.False(cache.NominatedByNode.ContainsKey("node-1"));
    }

    [Theory]
    [InlineData(50, 50)]
    [InlineData(100, 100)]
    [InlineData(1000, 420)]
    [InlineData(5000, 500)]
    [InlineData(20000, 1000)]
    public void Large_clusters_stop_filtering_after_an_adaptive_share_of_nodes(int nodes, int feasibleToFind)
    {
        Assert.Equal(feasibleToFind, SchedulingAlgorithm.FeasibleNodesToFind(nodes));
    }

    [Fact]
    public void Successive_pods_start_their_search_where_the_last_one_stopped()
    {
        var nodes = Enumerable.Range(0, 300).Select(i => On(Node($"node-{i}"))).ToArray();
        var options = new SchedulingOptions();

        SchedulingAlgorithm.Schedule(Pod("a"), nodes, ClusterObjects.Empty, options, new Random(1));

        Assert.Equal(SchedulingAlgorithm.FeasibleNodesToFind(300), options.NextStartIndex);
    }
}
