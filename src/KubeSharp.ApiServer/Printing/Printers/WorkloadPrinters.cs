using KubeSharp.Api;
using KubeSharp.Api.Apps.V1;
using KubeSharp.Api.Core.V1;

namespace KubeSharp.ApiServer.Printing.Printers;

internal sealed class DeploymentPrinter : TypedTablePrinter<Deployment>
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        NameColumn,
        Column("Ready", "string", "Number of the pod with ready state"),
        Column("Up-to-date", "string", "Total number of non-terminated pods targeted by this deployment that have the desired template spec."),
        Column("Available", "string", "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment."),
        AgeColumn,
        ContainersColumn,
        ImagesColumn,
        Wide("Selector", "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment."),
    ];

    protected override IReadOnlyList<object?> Row(Deployment obj, DateTimeOffset now)
    {
        var status = obj.Status ?? new DeploymentStatus();
        var (names, images) = CellFormat.Containers(obj.Spec?.Template);
        return
        [
            obj.Metadata?.Name,
            $"{status.ReadyReplicas ?? 0}/{obj.Spec?.Replicas ?? 0}",
            (long)(status.UpdatedReplicas ?? 0),
            (long)(status.AvailableReplicas ?? 0),
            Age(obj.Metadata?.CreationTimestamp, now),
            names,
            images,
            CellFormat.SelectorOrEmpty(obj.Spec?.Selector),
        ];
    }
}

internal sealed class ReplicaSetPrinter : TypedTablePrinter<ReplicaSet>
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        NameColumn,
        Column("Desired", "integer", "Replicas is the number of desired pods."),
        Column("Current", "integer", "Replicas is the most recently observed number of non-terminating pods."),
        Column("Ready", "integer", "The number of non-terminating pods targeted by this ReplicaSet with a Ready Condition."),
        AgeColumn,
        ContainersColumn,
        ImagesColumn,
        Wide("Selector", "Selector is a label query over pods that should match the replica count."),
    ];

    protected override IReadOnlyList<object?> Row(ReplicaSet obj, DateTimeOffset now)
    {
        var (names, images) = CellFormat.Containers(obj.Spec?.Template);
        return
        [
            obj.Metadata?.Name,
            (long)(obj.Spec?.Replicas ?? 0),
            (long)(obj.Status?.Replicas ?? 0),
            (long)(obj.Status?.ReadyReplicas ?? 0),
            Age(obj.Metadata?.CreationTimestamp, now),
            names,
            images,
            CellFormat.Selector(obj.Spec?.Selector),
        ];
    }
}

internal sealed class ReplicationControllerPrinter : TypedTablePrinter<ReplicationController>
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        NameColumn,
        Column("Desired", "integer", "Replicas is the number of desired replicas."),
        Column("Current", "integer", "Replicas is the most recently observed number of replicas."),
        Column("Ready", "integer", "The number of ready replicas for this replication controller."),
        AgeColumn,
        ContainersColumn,
        ImagesColumn,
        Wide("Selector", "Selector is a label query over pods that should match the Replicas count."),
    ];

    protected override IReadOnlyList<object?> Row(ReplicationController obj, DateTimeOffset now)
    {
        var (names, images) = CellFormat.Containers(obj.Spec?.Template);
        return
        [
            obj.Metadata?.Name,
            (long)(obj.Spec?.Replicas ?? 0),
            (long)(obj.Status?.Replicas ?? 0),
            (long)(obj.Status?.ReadyReplicas ?? 0),
            Age(obj.Metadata?.CreationTimestamp, now),
            names,
            images,
            CellFormat.Labels(obj.Spec?.Selector),
        ];
    }
}

internal sealed class StatefulSetPrinter : TypedTablePrinter<StatefulSet>
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        NameColumn,
        Column("Ready", "string", "Number of the pod with ready state"),
        AgeColumn,
        ContainersColumn,
        ImagesColumn,
    ];

    protected override IReadOnlyList<object?> Row(StatefulSet obj, DateTimeOffset now)
    {
        var (names, images) = CellFormat.Containers(obj.Spec?.Template);
        return
        [
            obj.Metadata?.Name,
            $"{obj.Status?.ReadyReplicas ?? 0}/{obj.Spec?.Replicas ?? 0}",
            Age(obj.Metadata?.CreationTimestamp, now),
            names,
            images,
        ];
    }
}

internal sealed class DaemonSetPrinter : TypedTablePrinter<DaemonSet>
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        NameColumn,
        Column("Desired", "integer", "The total number of nodes that should be running the daemon pod (including nodes correctly running the daemon pod)."),
        Column("Current", "integer", "The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod."),
        Column("Ready", "integer", "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running with a Ready Condition."),
        Column("Up-to-date", "integer", "The total number of nodes that are running updated daemon pod"),
        Column("Available", "integer", "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available (ready for at least spec.minReadySeconds)"),
        Column("Node Selector", "string", "NodeSelector is a selector which must be true for the pod to fit on a node."),
        AgeColumn,
        ContainersColumn,
        ImagesColumn,
        Wide("Selector", "A label query over pods that are managed by the daemon set."),
    ];

    protected override IReadOnlyList<object?> Row(DaemonSet obj, DateTimeOffset now)
    {
        var status = obj.Status ?? new DaemonSetStatus();
        var (names, images) = CellFormat.Containers(obj.Spec?.Template);
        return
        [
            obj.Metadata?.Name,
            (long)(status.DesiredNumberScheduled ?? 0),
            (long)(status.CurrentNumberScheduled ?? 0),
            (long)(status.NumberReady ?? 0),
            (long)(status.UpdatedNumberScheduled ?? 0),
            (long)(status.NumberAvailable ?? 0),
            CellFormat.Labels(obj.Spec?.Template?.Spec?.NodeSelector),
            Age(obj.Metadata?.CreationTimestamp, now),
            names,
            images,
            CellFormat.Selector(obj.Spec?.Selector),
        ];
    }
}

internal sealed class ControllerRevisionPrinter : TypedTablePrinter<ControllerRevision>
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        NameColumn,
        Column("Controller", "string", "Controller of the object"),
        Column("Revision", "string", "Revision indicates the revision of the state represented by Data."),
        AgeColumn,
    ];

    protected override IReadOnlyList<object?> Row(ControllerRevision obj, DateTimeOffset now) =>
    [
        obj.Metadata?.Name,
        ControllerName(obj),
        obj.Revision ?? 0,
        Age(obj.Metadata?.CreationTimestamp, now),
    ];

    /// <summary>The controlling owner as "kind.group/name" in lower case, or "&lt;none&gt;".</summary>
    private static string ControllerName(KubernetesObject obj)
    {
        var owner = obj.Metadata?.OwnerReferences?.FirstOrDefault(o => o.Controller == true);
        if (owner is null)
        {
            return CellFormat.None;
        }

        var apiVersion = owner.ApiVersion ?? "";
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var group = slash < 0 ? "" : apiVersion[..slash];
        var kind = owner.Kind ?? "";
        if (kind.Length == 0 && group.Length == 0)
        {
            return owner.Name ?? "";
        }

        var groupKind = group.Length == 0 ? kind : $"{kind}.{group}";
        return groupKind.ToLowerInvariant() + "/" + owner.Name;
    }
}

internal sealed class ComponentStatusPrinter : TypedTablePrinter<ComponentStatus>
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        NameColumn,
        Column("Status", "string", "Status of the component conditions"),
        Column("Message", "string", "Message of the component conditions"),
        Column("Error", "string", "Error of the component conditions"),
    ];

    protected override IReadOnlyList<object?> Row(ComponentStatus obj, DateTimeOffset now)
    {
        var healthy = obj.Conditions?.FirstOrDefault(c => c.Type == "Healthy");
        var status = healthy is null ? "Unknown" : healthy.Status == "True" ? "Healthy" : "Unhealthy";
        return [obj.Metadata?.Name, status, healthy?.Message ?? "", healthy?.Error ?? ""];
    }
}
