using System.Diagnostics;
using Xunit.Abstractions;
using static KubeSharp.Scheduler.Tests.TestCluster;

namespace KubeSharp.Scheduler.Tests;

/// <summary>The decision loop at benchmark scale, through the same cache the scheduler keeps (no API calls).</summary>
public class ScaleTests(ITestOutputHelper output)
{
    [Fact]
    public void Five_thousand_nodes_take_replicas_of_a_deployment_one_per_node_until_all_have_one()
    {
        var cache = new SchedulerCache();
        for (var i = 0; i < 5000; i++)
        {
            cache.SetNode(Node($"hollow-{i}", cpu: "8", memory: "32Gi"));
        }

        var options = new SchedulingOptions { Nominated = cache.NominatedByNode };
        var random = new Random(1);
        var watch = Stopwatch.StartNew();
        const int Pods = 2000;
        for (var i = 0; i < Pods; i++)
        {
            var pod = Pod($"web-{i}", app: "web", cpu: "100m").OwnedBy("rs-web");
            var result = SchedulingAlgorithm.Schedule(pod, cache.Nodes, ClusterObjects.Empty, options, random);
            Assert.True(result.Scheduled);
            pod.Spec!.NodeName = result.NodeName;
            cache.Assume(pod, result.NodeName!);
        }

        watch.Stop();
        output.WriteLine($"{Pods} pods on 5000 nodes: {Pods / watch.Elapsed.TotalSeconds:F0} decisions/s");
        // Spreading and least-allocated scoring never stack a second replica while fewer-loaded feasible nodes exist among those examined.
        Assert.All(cache.Nodes, n => Assert.True(n.Pods.Count <= 1));
    }
}
