using KubeSharp.Api.Core.V1;
using static KubeSharp.Scheduler.Tests.TestCluster;

namespace KubeSharp.Scheduler.Tests;

public class NodeScoresTests
{
    [Fact]
    public void Balanced_allocation_favours_equal_cpu_and_memory_shares()
    {
        var pod = new PodInfo(Pod("p", cpu: "1"));

        // 1 of 4 cpu and no memory: shares 0.25 and 0 differ by 0.25.
        Assert.Equal(87, NodeScores.BalancedAllocation(pod, On(Node("node-1", cpu: "4"))));
        Assert.Equal(100, NodeScores.BalancedAllocation(new PodInfo(Pod("idle")), On(Node("node-1"))));
    }

    [Fact]
    public void Nodes_that_already_have_the_image_score_higher()
    {
        var withImage = Node("node-1");
        withImage.Status!.Images = [new ContainerImage { Names = ["docker.io/library/nginx:latest"], SizeBytes = 500L * 1024 * 1024 }];
        var cluster = new ClusterObjects { NodesWithImage = image => image == "docker.io/library/nginx:latest" ? 1 : 0 };
        var pod = new PodInfo(Pod("p"));

        Assert.True(NodeScores.ImageLocality(pod, new NodeInfo(withImage), 2, cluster) > 0);
        Assert.Equal(0, NodeScores.ImageLocality(pod, new NodeInfo(Node("node-2")), 2, cluster));
        Assert.Equal("node-1", Schedule(Pod("p"), cluster, On(withImage), On(Node("node-2"))).NodeName);
    }
}
