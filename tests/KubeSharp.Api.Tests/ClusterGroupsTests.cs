using KubeSharp.Api.Coordination.V1;
using KubeSharp.Api.Discovery.V1;
using KubeSharp.Api.Rbac.V1;
using KubeSharp.Api.Scheduling.V1;
using KubeSharp.Api.Storage.V1;

namespace KubeSharp.Api.Tests;

/// <summary>coordination, discovery, events, policy, rbac, scheduling, storage and node groups.</summary>
public sealed class ClusterGroupsTests
{
    [Fact]
    public void Lease_times_are_written_with_microseconds()
    {
        var lease = ApiGroupJson.AssertRoundTripLossless<Lease>("""
            {"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"kube-scheduler","namespace":"kube-system"},
             "spec":{"holderIdentity":"node1_5d1f","leaseDurationSeconds":15,"acquireTime":"2024-05-01T10:00:00.123456Z","renewTime":"2024-05-01T10:00:12.000001Z",
                     "leaseTransitions":2,"strategy":"OldestEmulationVersion","preferredHolder":"node2"}}
            """);
        Assert.Equal(1234560, lease.Spec!.AcquireTime!.Value.Ticks % TimeSpan.TicksPerSecond);
    }

    [Fact]
    public void Events_v1_event_round_trips_with_micro_time_series_and_deprecated_fields()
    {
        ApiGroupJson.AssertRoundTripLossless<Events.V1.Event>("""
            {"apiVersion":"events.k8s.io/v1","kind":"Event","metadata":{"name":"web.17c","namespace":"shop"},
             "eventTime":"2024-05-01T10:00:00.500000Z","series":{"count":3,"lastObservedTime":"2024-05-01T10:05:00.000100Z"},
             "reportingController":"kubernetes.io/kubelet","reportingInstance":"kubelet-node1","action":"Pulling","reason":"Pulling",
             "regarding":{"kind":"Pod","namespace":"shop","name":"web-1","uid":"u1","apiVersion":"v1","fieldPath":"spec.containers{nginx}"},
             "note":"Pulling image \"nginx\"","type":"Normal","deprecatedSource":{"component":"kubelet","host":"node1"},
             "deprecatedFirstTimestamp":"2024-05-01T10:00:00Z","deprecatedLastTimestamp":"2024-05-01T10:05:00Z","deprecatedCount":3}
            """);
    }

    [Fact]
    public void EndpointSlice_round_trips_and_ports_default_to_unnamed_tcp()
    {
        var slice = ApiGroupJson.AssertRoundTripLossless<EndpointSlice>("""
            {"apiVersion":"discovery.k8s.io/v1","kind":"EndpointSlice","metadata":{"name":"web-abc","namespace":"shop","labels":{"kubernetes.io/service-name":"web"}},
             "addressType":"IPv4",
             "endpoints":[{"addresses":["10.1.0.5"],"conditions":{"ready":true,"serving":true,"terminating":false},"hostname":"web-0",
                           "targetRef":{"kind":"Pod","namespace":"shop","name":"web-0","uid":"u"},"nodeName":"node1","zone":"z1","hints":{"forZones":[{"name":"z1"}]}}],
             "ports":[{"port":8080},{"name":"metrics","protocol":"UDP","port":9100,"appProtocol":"http"}]}
            """);

        DiscoveryV1Defaults.Apply(slice);

        Assert.Equal(("", "TCP"), (slice.Ports![0].Name, slice.Ports[0].Protocol));
        Assert.Equal(("metrics", "UDP"), (slice.Ports[1].Name, slice.Ports[1].Protocol));
    }

    [Fact]
    public void PodDisruptionBudget_round_trips_with_int_or_percent_and_disrupted_pods()
    {
        ApiGroupJson.AssertRoundTripLossless<Policy.V1.PodDisruptionBudget>("""
            {"apiVersion":"policy/v1","kind":"PodDisruptionBudget","metadata":{"name":"web","namespace":"shop"},
             "spec":{"minAvailable":"50%","selector":{"matchLabels":{"app":"web"}},"unhealthyPodEvictionPolicy":"AlwaysAllow"},
             "status":{"observedGeneration":1,"disruptedPods":{"web-1":"2024-05-01T10:00:00Z"},"disruptionsAllowed":1,"currentHealthy":3,"desiredHealthy":2,"expectedPods":3,
                       "conditions":[{"type":"DisruptionAllowed","status":"True","observedGeneration":1,"lastTransitionTime":"2024-05-01T10:00:00Z","reason":"SufficientPods","message":""}]}}
            """);
    }

    [Fact]
    public void Rbac_objects_round_trip_and_references_get_their_api_groups()
    {
        ApiGroupJson.AssertRoundTripLossless<ClusterRole>("""
            {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole","metadata":{"name":"monitoring"},
             "aggregationRule":{"clusterRoleSelectors":[{"matchLabels":{"rbac.example.com/aggregate-to-monitoring":"true"}}]},
             "rules":[{"verbs":["get","list","watch"],"apiGroups":[""],"resources":["pods","pods/log"],"resourceNames":["a"]},{"verbs":["get"],"nonResourceURLs":["/metrics","/healthz/*"]}]}
            """);
        var binding = ApiGroupJson.AssertRoundTripLossless<RoleBinding>("""
            {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"RoleBinding","metadata":{"name":"read","namespace":"shop"},
             "subjects":[{"kind":"User","name":"jane"},{"kind":"ServiceAccount","name":"ci","namespace":"shop"},{"kind":"Group","name":"devs"}],
             "roleRef":{"kind":"ClusterRole","name":"view"}}
            """);

        RbacV1Defaults.Apply(binding);

        Assert.Equal("rbac.authorization.k8s.io", binding.RoleRef!.ApiGroup);
        Assert.Equal(["rbac.authorization.k8s.io", "", "rbac.authorization.k8s.io"], binding.Subjects!.Select(s => s.ApiGroup));
    }

    [Fact]
    public void StorageClass_deletes_volumes_and_binds_immediately_by_default()
    {
        var storageClass = new StorageClass { Provisioner = "rancher.io/local-path" };

        StorageV1Defaults.Apply(storageClass);

        Assert.Equal(("Delete", "Immediate"), (storageClass.ReclaimPolicy, storageClass.VolumeBindingMode));
    }

    [Fact]
    public void CSIDriver_requires_attach_and_serves_persistent_volumes_by_default()
    {
        var driver = new CSIDriver();

        StorageV1Defaults.Apply(driver);

        var spec = driver.Spec!;
        Assert.True(spec.AttachRequired);
        Assert.False(spec.PodInfoOnMount);
        Assert.False(spec.StorageCapacity);
        Assert.False(spec.RequiresRepublish);
        Assert.False(spec.SeLinuxMount);
        Assert.Equal("ReadWriteOnceWithFSType", spec.FsGroupPolicy);
        Assert.Equal(["Persistent"], spec.VolumeLifecycleModes);
    }

    [Fact]
    public void Storage_objects_round_trip()
    {
        ApiGroupJson.AssertRoundTripLossless<StorageClass>("""
            {"apiVersion":"storage.k8s.io/v1","kind":"StorageClass","metadata":{"name":"local","annotations":{"storageclass.kubernetes.io/is-default-class":"true"}},
             "provisioner":"rancher.io/local-path","parameters":{"type":"ssd"},"reclaimPolicy":"Retain","mountOptions":["noatime"],"allowVolumeExpansion":true,
             "volumeBindingMode":"WaitForFirstConsumer","allowedTopologies":[{"matchLabelExpressions":[{"key":"topology.kubernetes.io/zone","values":["z1"]}]}]}
            """);
        ApiGroupJson.AssertRoundTripLossless<VolumeAttachment>("""
            {"apiVersion":"storage.k8s.io/v1","kind":"VolumeAttachment","metadata":{"name":"csi-123"},
             "spec":{"attacher":"csi.example.com","source":{"persistentVolumeName":"pv-1"},"nodeName":"node1"},
             "status":{"attached":true,"attachmentMetadata":{"devicePath":"/dev/sdb"},"detachError":{"time":"2024-05-01T10:00:00Z","message":"busy"}}}
            """);
        ApiGroupJson.AssertRoundTripLossless<CSINode>("""
            {"apiVersion":"storage.k8s.io/v1","kind":"CSINode","metadata":{"name":"node1"},
             "spec":{"drivers":[{"name":"csi.example.com","nodeID":"node1","topologyKeys":["topology.kubernetes.io/zone"],"allocatable":{"count":16}}]}}
            """);
        ApiGroupJson.AssertRoundTripLossless<CSIDriver>("""
            {"apiVersion":"storage.k8s.io/v1","kind":"CSIDriver","metadata":{"name":"csi.example.com"},
             "spec":{"attachRequired":false,"podInfoOnMount":true,"volumeLifecycleModes":["Persistent","Ephemeral"],"storageCapacity":true,"fsGroupPolicy":"File",
                     "tokenRequests":[{"audience":"vault","expirationSeconds":600}],"requiresRepublish":true,"seLinuxMount":true}}
            """);
    }

    [Fact]
    public void PriorityClass_preempts_lower_priorities_by_default()
    {
        var priorityClass = ApiGroupJson.AssertRoundTripLossless<PriorityClass>("""
            {"apiVersion":"scheduling.k8s.io/v1","kind":"PriorityClass","metadata":{"name":"high"},"value":1000000,"globalDefault":false,"description":"urgent"}
            """);

        SchedulingV1Defaults.Apply(priorityClass);

        Assert.Equal("PreemptLowerPriority", priorityClass.PreemptionPolicy);
    }

    [Fact]
    public void RuntimeClass_round_trips_with_overhead_and_scheduling()
    {
        var runtimeClass = ApiGroupJson.AssertRoundTripLossless<Node.V1.RuntimeClass>("""
            {"apiVersion":"node.k8s.io/v1","kind":"RuntimeClass","metadata":{"name":"gvisor"},"handler":"runsc",
             "overhead":{"podFixed":{"cpu":"250m","memory":"120Mi"}},
             "scheduling":{"nodeSelector":{"runtime":"gvisor"},"tolerations":[{"key":"runtime","operator":"Equal","value":"gvisor","effect":"NoSchedule"}]}}
            """);
        Assert.Equal(0.25m, runtimeClass.Overhead!.PodFixed!["cpu"].Value);
    }
}
