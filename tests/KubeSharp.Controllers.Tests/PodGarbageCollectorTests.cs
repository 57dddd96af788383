using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.Controllers.PodGarbageCollection;
using static KubeSharp.Controllers.Tests.PodBuilder;

namespace KubeSharp.Controllers.Tests;

public class PodGarbageCollectorTests
{
    [Fact]
    public void Pods_bound_to_nodes_that_no_longer_exist_are_found()
    {
        var pods = new[] { Pod("a", node: "gone"), Pod("b", node: "here"), Pod("c", node: null) };
        var nodes = new[] { new Node { Metadata = new ObjectMeta { Name = "here" } } };

        Assert.Equal(["gone"], PodGarbageCollector.MissingNodes(pods, nodes));
    }
}
