using KubeSharp.Api;
using KubeSharp.Api.Rbac.V1;
using KubeSharp.ApiServer.Http;
using KubeSharp.ApiServer.Storage;
using Microsoft.Extensions.Logging;

namespace KubeSharp.ApiServer.Authorization;

/// <summary>
/// The default ClusterRoles and ClusterRoleBindings Kubernetes' API server creates at start
/// (cluster-admin, admin/edit/view with their aggregation, discovery, basic-user, public-info-viewer)
/// plus the role KubeSharp's joined node agents use. Only missing objects are created.
/// </summary>
public sealed class BootstrapPolicy(ResourceStore store, ILogger logger)
{
    private const string AggregateLabelPrefix = "rbac.authorization.k8s.io/aggregate-to-";
    private static readonly string[] Read = ["get", "list", "watch"];
    private static readonly string[] Write = ["create", "delete", "deletecollection", "patch", "update"];
    private static readonly WriteOptions Manager = new(FieldManager: "kube-apiserver");

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var roles = store.Catalog.Get<ClusterRole>();
        foreach (var role in ClusterRoles())
        {
            await CreateIfMissingAsync(roles, role, cancellationToken).ConfigureAwait(false);
        }

        var bindings = store.Catalog.Get<ClusterRoleBinding>();
        foreach (var binding in ClusterRoleBindings())
        {
            await CreateIfMissingAsync(bindings, binding, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task CreateIfMissingAsync(Registry.ResourceDefinition definition, KubernetesObject obj, CancellationToken cancellationToken)
    {
        if (await store.TryGetAsync(definition, null, obj.Meta.Name!, cancellationToken).ConfigureAwait(false) is not null)
        {
            return;
        }

        try
        {
            await store.CreateAsync(definition, null, obj, Manager, cancellationToken).ConfigureAwait(false);
            logger.LogInformation("created {Kind} {Name}", obj.GetType().Name, obj.Meta.Name);
        }
        catch (ApiException e) when (e.Reason == "AlreadyExists")
        {
        }
    }

    /// <summary>The default ClusterRoles.</summary>
    public static IReadOnlyList<ClusterRole> ClusterRoles() =>
    [
        Role("cluster-admin", null,
            Rule(["*"], ["*"], ["*"]),
            NonResource(["*"], ["*"])),
        Aggregated("admin", "admin", null),
        Aggregated("edit", "edit", Labels((AggregateLabelPrefix + "admin", "true"))),
        Aggregated("view", "view", Labels((AggregateLabelPrefix + "edit", "true"))),
        Role("system:aggregate-to-admin", Labels((AggregateLabelPrefix + "admin", "true")),
            Rule(["create"], ["authorization.k8s.io"], ["localsubjectaccessreviews"]),
            Rule([.. Read, .. Write], ["rbac.authorization.k8s.io"], ["rolebindings", "roles"]),
            Rule([.. Write], [""], ["resourcequotas"])),
        Role("system:aggregate-to-edit", Labels((AggregateLabelPrefix + "edit", "true")),
            Rule(Read, [""], ["pods/attach", "pods/exec", "pods/portforward", "pods/proxy", "secrets", "services/proxy"]),
            Rule(["impersonate"], [""], ["serviceaccounts"]),
            Rule(Write, [""], ["pods", "pods/attach", "pods/exec", "pods/portforward", "pods/proxy"]),
            Rule(["create"], [""], ["pods/eviction", "serviceaccounts/token"]),
            Rule(Write, [""], ["configmaps", "events", "persistentvolumeclaims", "replicationcontrollers", "replicationcontrollers/scale", "secrets", "serviceaccounts", "services", "services/proxy"]),
            Rule(Write, ["apps"], ["daemonsets", "deployments", "deployments/rollback", "deployments/scale", "replicasets", "replicasets/scale", "statefulsets", "statefulsets/scale"]),
            Rule(Write, ["autoscaling"], ["horizontalpodautoscalers"]),
            Rule(Write, ["batch"], ["cronjobs", "jobs"]),
            Rule(Write, ["networking.k8s.io"], ["ingresses", "networkpolicies"]),
            Rule(Write, ["policy"], ["poddisruptionbudgets"]),
            Rule(Write, ["discovery.k8s.io"], ["endpointslices"]),
            Rule(Write, ["coordination.k8s.io"], ["leases"])),
        Role("system:aggregate-to-view", Labels((AggregateLabelPrefix + "view", "true")),
            Rule(Read, [""], ["configmaps", "endpoints", "persistentvolumeclaims", "persistentvolumeclaims/status", "pods", "replicationcontrollers", "replicationcontrollers/scale", "serviceaccounts", "services", "services/status"]),
            Rule(Read, [""], ["bindings", "events", "limitranges", "namespaces/status", "pods/log", "pods/status", "replicationcontrollers/status", "resourcequotas", "resourcequotas/status"]),
            Rule(Read, [""], ["namespaces"]),
            Rule(Read, ["discovery.k8s.io"], ["endpointslices"]),
            Rule(Read, ["apps"], ["controllerrevisions", "daemonsets", "daemonsets/status", "deployments", "deployments/scale", "deployments/status", "replicasets", "replicasets/scale", "replicasets/status", "statefulsets", "statefulsets/scale", "statefulsets/status"]),
            Rule(Read, ["autoscaling"], ["horizontalpodautoscalers", "horizontalpodautoscalers/status"]),
            Rule(Read, ["batch"], ["cronjobs", "cronjobs/status", "jobs", "jobs/status"]),
            Rule(Read, ["policy"], ["poddisruptionbudgets", "poddisruptionbudgets/status"]),
            Rule(Read, ["networking.k8s.io"], ["ingresses", "ingresses/status", "networkpolicies"]),
            Rule(Read, ["coordination.k8s.io"], ["leases"])),
        Role("system:discovery", null,
            NonResource(["get"], ["/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/openapi", "/openapi/*", "/readyz", "/version", "/version/"])),
        Role("system:basic-user", null,
            Rule(["create"], ["authorization.k8s.io"], ["selfsubjectaccessreviews", "selfsubjectrulesreviews"]),
            Rule(["create"], ["authentication.k8s.io"], ["selfsubjectreviews"])),
        Role("system:public-info-viewer", null,
            NonResource(["get"], ["/healthz", "/livez", "/readyz", "/version", "/version/"])),
        // What a joined node agent (the server's --token, group system:nodes) does: report its Node and
        // Lease, run and report its pods, record events, serve services and ingresses on the node.
        Role("system:node", null,
            Rule(Read, ["*"], ["*"]),
            Rule(Write, [""], ["nodes", "nodes/status", "pods", "pods/status", "events", "endpoints", "services", "services/status", "persistentvolumes", "persistentvolumeclaims/status"]),
            Rule(["create"], [""], ["pods/eviction", "serviceaccounts/token"]),
            Rule(Write, ["events.k8s.io"], ["events"]),
            Rule(Write, ["coordination.k8s.io"], ["leases"]),
            Rule(Write, ["discovery.k8s.io"], ["endpointslices"]),
            Rule(Write, ["networking.k8s.io"], ["ingresses/status", "ingressclasses"]),
            Rule(["create"], ["authentication.k8s.io"], ["tokenreviews"]),
            Rule(["create"], ["authorization.k8s.io"], ["subjectaccessreviews"]),
            NonResource(["get", "post"], ["/kubesharp/*"])),
    ];

    /// <summary>The default ClusterRoleBindings.</summary>
    public static IReadOnlyList<ClusterRoleBinding> ClusterRoleBindings() =>
    [
        Binding("cluster-admin", "cluster-admin", "system:masters"),
        Binding("system:discovery", "system:discovery", "system:authenticated"),
        Binding("system:basic-user", "system:basic-user", "system:authenticated"),
        Binding("system:public-info-viewer", "system:public-info-viewer", "system:authenticated", "system:unauthenticated"),
        Binding("kubesharp:nodes", "system:node", "system:nodes"),
    ];

    private static ObjectMeta Meta(string name, Dictionary<string, string>? labels)
    {
        var all = new Dictionary<string, string>(labels ?? []) { ["kubernetes.io/bootstrapping"] = "rbac-defaults" };
        return new ObjectMeta
        {
            Name = name,
            Labels = all,
            Annotations = new Dictionary<string, string> { ["rbac.authorization.kubernetes.io/autoupdate"] = "true" },
        };
    }

    private static Dictionary<string, string> Labels(params (string Key, string Value)[] pairs) => pairs.ToDictionary(p => p.Key, p => p.Value);

    private static ClusterRole Role(string name, Dictionary<string, string>? labels, params PolicyRule[] rules) =>
        new() { Metadata = Meta(name, labels), Rules = [.. rules] };

    /// <summary>A role whose rules are those of the ClusterRoles labelled aggregate-to-{target}.</summary>
    private static ClusterRole Aggregated(string name, string target, Dictionary<string, string>? labels) => new()
    {
        Metadata = Meta(name, labels),
        Rules = [],
        AggregationRule = new AggregationRule
        {
            ClusterRoleSelectors = [new LabelSelector { MatchLabels = new Dictionary<string, string> { [AggregateLabelPrefix + target] = "true" } }],
        },
    };

    private static PolicyRule Rule(string[] verbs, string[] groups, string[] resources) =>
        new() { Verbs = [.. verbs], ApiGroups = [.. groups], Resources = [.. resources] };

    private static PolicyRule NonResource(string[] verbs, string[] urls) => new() { Verbs = [.. verbs], NonResourceURLs = [.. urls] };

    private static ClusterRoleBinding Binding(string name, string role, params string[] groups) => new()
    {
        Metadata = Meta(name, null),
        RoleRef = new RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = role },
        Subjects = [.. groups.Select(g => new Subject { Kind = "Group", ApiGroup = "rbac.authorization.k8s.io", Name = g })],
    };
}
