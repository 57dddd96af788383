using System.Reflection;

namespace KubeSharp.Api.Tests;

/// <summary>The resource data of every non-core kind matches what Kubernetes 1.32 discovery reports.</summary>
public sealed class ApiGroupKindsTests
{
    public static TheoryData<Type, string, bool, string, string, string> Kinds => new()
    {
        // type, plural, namespaced, short names, categories, subresources
        { typeof(Apps.V1.Deployment), "deployments", true, "deploy", "all", "status,scale" },
        { typeof(Apps.V1.ReplicaSet), "replicasets", true, "rs", "all", "status,scale" },
        { typeof(Apps.V1.StatefulSet), "statefulsets", true, "sts", "all", "status,scale" },
        { typeof(Apps.V1.DaemonSet), "daemonsets", true, "ds", "all", "status" },
        { typeof(Apps.V1.ControllerRevision), "controllerrevisions", true, "", "", "" },
        { typeof(Batch.V1.Job), "jobs", true, "", "all", "status" },
        { typeof(Batch.V1.CronJob), "cronjobs", true, "cj", "all", "status" },
        { typeof(Autoscaling.V1.HorizontalPodAutoscaler), "horizontalpodautoscalers", true, "hpa", "all", "status" },
        { typeof(Autoscaling.V2.HorizontalPodAutoscaler), "horizontalpodautoscalers", true, "hpa", "all", "status" },
        { typeof(Networking.V1.Ingress), "ingresses", true, "ing", "", "status" },
        { typeof(Networking.V1.IngressClass), "ingressclasses", false, "", "", "" },
        { typeof(Networking.V1.NetworkPolicy), "networkpolicies", true, "netpol", "", "" },
        { typeof(Coordination.V1.Lease), "leases", true, "", "", "" },
        { typeof(Discovery.V1.EndpointSlice), "endpointslices", true, "", "", "" },
        { typeof(Storage.V1.StorageClass), "storageclasses", false, "sc", "", "" },
        { typeof(Storage.V1.CSIDriver), "csidrivers", false, "", "", "" },
        { typeof(Storage.V1.CSINode), "csinodes", false, "", "", "" },
        { typeof(Storage.V1.VolumeAttachment), "volumeattachments", false, "", "", "status" },
        { typeof(Policy.V1.PodDisruptionBudget), "poddisruptionbudgets", true, "pdb", "", "status" },
        { typeof(Rbac.V1.Role), "roles", true, "", "", "" },
        { typeof(Rbac.V1.ClusterRole), "clusterroles", false, "", "", "" },
        { typeof(Rbac.V1.RoleBinding), "rolebindings", true, "", "", "" },
        { typeof(Rbac.V1.ClusterRoleBinding), "clusterrolebindings", false, "", "", "" },
        { typeof(Scheduling.V1.PriorityClass), "priorityclasses", false, "pc", "", "" },
        { typeof(Events.V1.Event), "events", true, "ev", "", "" },
        { typeof(Node.V1.RuntimeClass), "runtimeclasses", false, "", "", "" },
        { typeof(ApiExtensions.V1.CustomResourceDefinition), "customresourcedefinitions", false, "crd,crds", "api-extensions", "status" },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Kind_declares_the_resource_kubernetes_serves(Type type, string plural, bool namespaced, string shortNames, string categories, string subresources)
    {
        var entity = type.GetCustomAttribute<KubernetesEntityAttribute>()!;

        Assert.Equal(type.Name, entity.Kind);
        Assert.Equal(plural, entity.Plural);
        Assert.Equal(namespaced, entity.Namespaced);
        Assert.Equal(shortNames, string.Join(',', entity.ShortNames));
        Assert.Equal(categories, string.Join(',', entity.Categories));
        Assert.Equal(subresources, string.Join(',', entity.Subresources));
        Assert.Equal(type.Namespace!.Split('.')[^1].ToLowerInvariant(), entity.Version);
    }
}
