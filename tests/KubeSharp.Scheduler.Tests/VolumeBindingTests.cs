using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using static KubeSharp.Scheduler.Tests.TestCluster;

namespace KubeSharp.Scheduler.Tests;

public class VolumeBindingTests
{
    private static Pod WithClaim(Pod pod, string claim)
    {
        pod.Spec!.Volumes = [new Volume { Name = "data", PersistentVolumeClaim = new PersistentVolumeClaimVolumeSource { ClaimName = claim } }];
        return pod;
    }

    private static ClusterObjects Claims(string? volumeName, PersistentVolume? volume = null) => new()
    {
        Claim = (ns, name) => ns == "default" && name == "data-0"
            ? new PersistentVolumeClaim { Metadata = new ObjectMeta { Name = name, Namespace = ns }, Spec = new PersistentVolumeClaimSpec { VolumeName = volumeName } }
            : null,
        Volume = name => volume?.Metadata?.Name == name ? volume : null,
    };

    private static PersistentVolume LocalVolume(string node) => new()
    {
        Metadata = new ObjectMeta { Name = "pv-1" },
        Spec = new PersistentVolumeSpec
        {
            NodeAffinity = new VolumeNodeAffinity
            {
                Required = new NodeSelector
                {
                    NodeSelectorTerms = [new NodeSelectorTerm { MatchExpressions = [new NodeSelectorRequirement { Key = Hostname, Operator = "In", Values = [node] }] }],
                },
            },
        },
    };

    [Fact]
    public void A_pod_whose_claim_is_bound_to_a_local_volume_goes_to_that_volumes_node()
    {
        var cluster = Claims("pv-1", LocalVolume("node-2"));

        Assert.Equal("node-2", Schedule(WithClaim(Pod("db-0"), "data-0"), cluster, On(Node("node-1")), On(Node("node-2"))).NodeName);
        Assert.Equal(
            "0/1 nodes are available: 1 node(s) had volume node affinity conflict. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling..",
            Schedule(WithClaim(Pod("db-0"), "data-0"), cluster, On(Node("node-1"))).FailureMessage);
    }

    [Fact]
    public void A_pod_with_an_unbound_claim_is_unschedulable_and_says_so()
    {
        var result = Schedule(WithClaim(Pod("db-0"), "data-0"), Claims(null), On(Node("node-1")), On(Node("node-2")));

        Assert.Equal(
            "0/2 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling..",
            result.FailureMessage);
    }

    [Fact]
    public void A_pod_whose_claim_does_not_exist_names_the_claim()
    {
        var result = Schedule(WithClaim(Pod("db-0"), "missing"), Claims(null), On(Node("node-1")));

        Assert.StartsWith("0/1 nodes are available: persistentvolumeclaim \"missing\" not found.", result.FailureMessage);
    }

    [Fact]
    public void Volume_zone_labels_must_match_the_nodes_zone()
    {
        var volume = new PersistentVolume { Metadata = new ObjectMeta { Name = "pv-1", Labels = new() { [Zone] = "b" } }, Spec = new PersistentVolumeSpec() };

        var result = Schedule(WithClaim(Pod("db-0"), "data-0"), Claims("pv-1", volume), On(Node("node-1", zone: "a")), On(Node("node-2", zone: "b")));

        Assert.Equal("node-2", result.NodeName);
    }

    private static ClusterObjects ClaimOfClass(string className, string bindingMode, Dictionary<string, string>? annotations = null) => new()
    {
        Claim = (ns, name) => ns == "default" && name == "data-0"
            ? new PersistentVolumeClaim
            {
                Metadata = new ObjectMeta { Name = name, Namespace = ns, Annotations = annotations },
                Spec = new PersistentVolumeClaimSpec { StorageClassName = className },
            }
            : null,
        StorageClass = name => name == className
            ? new KubeSharp.Api.Storage.V1.StorageClass { Metadata = new ObjectMeta { Name = name }, Provisioner = "rancher.io/local-path", VolumeBindingMode = bindingMode }
            : null,
    };

    [Fact]
    public void A_pod_whose_unbound_claim_waits_for_first_consumer_is_scheduled_and_its_claim_awaits_the_node()
    {
        var cluster = ClaimOfClass("local-path", "WaitForFirstConsumer");
        var pod = WithClaim(Pod("db-0"), "data-0");

        Assert.NotNull(Schedule(pod, cluster, On(Node("node-1")), On(Node("node-2"))).NodeName);
        Assert.Equal(["data-0"], VolumeState.ClaimsAwaitingNode(pod, cluster).Select(c => c.Metadata!.Name));
    }

    [Fact]
    public void A_waiting_claim_that_already_names_a_node_is_not_annotated_again()
    {
        var cluster = ClaimOfClass("local-path", "WaitForFirstConsumer", new() { [VolumeState.SelectedNodeAnnotation] = "node-1" });

        Assert.Empty(VolumeState.ClaimsAwaitingNode(WithClaim(Pod("db-0"), "data-0"), cluster));
    }

    [Fact]
    public void A_pod_whose_unbound_claim_binds_immediately_stays_unschedulable()
    {
        var cluster = ClaimOfClass("fast", "Immediate");
        var pod = WithClaim(Pod("db-0"), "data-0");

        Assert.StartsWith("0/1 nodes are available: pod has unbound immediate PersistentVolumeClaims.", Schedule(pod, cluster, On(Node("node-1"))).FailureMessage);
        Assert.Empty(VolumeState.ClaimsAwaitingNode(pod, cluster));
    }
}
