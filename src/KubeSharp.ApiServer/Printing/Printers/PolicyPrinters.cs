using KubeSharp.Api.Policy.V1;
using KubeSharp.Api.Rbac.V1;
using KubeSharp.Api.Scheduling.V1;
using AutoscalingV1 = KubeSharp.Api.Autoscaling.V1;
using AutoscalingV2 = KubeSharp.Api.Autoscaling.V2;

namespace KubeSharp.ApiServer.Printing.Printers;

internal sealed class PodDisruptionBudgetPrinter : TypedTablePrinter<PodDisruptionBudget>
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        NameColumn,
        Column("Min Available", "string", "The minimum number of pods that must be available."),
        Column("Max Unavailable", "string", "The maximum number of pods that may be unavailable."),
        Column("Allowed Disruptions", "integer", "Calculated number of pods that may be disrupted at this time."),
        AgeColumn,
    ];

    protected override IReadOnlyList<object?> Row(PodDisruptionBudget obj, DateTimeOffset now) =>
    [
        obj.Metadata?.Name,
        obj.Spec?.MinAvailable?.ToString() ?? "N/A",
        obj.Spec?.MaxUnavailable?.ToString() ?? "N/A",
        (long)(obj.Status?.DisruptionsAllowed ?? 0),
        Age(obj.Metadata?.CreationTimestamp, now),
    ];
}

internal sealed class PriorityClassPrinter : TypedTablePrinter<PriorityClass>
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        NameColumn,
        Column("Value", "integer", "value represents the integer value of this priority class."),
        Column("Global-Default", "boolean", "globalDefault specifies whether this PriorityClass should be considered as the default priority for pods that do not have any priority class."),
        AgeColumn,
        Column("PreemptionPolicy", "string", "preemptionPolicy is the Policy for preempting pods with lower priority."),
    ];

    protected override IReadOnlyList<object?> Row(PriorityClass obj, DateTimeOffset now) =>
    [
        obj.Metadata?.Name,
        (long)(obj.Value ?? 0),
        obj.GlobalDefault ?? false,
        Age(obj.Metadata?.CreationTimestamp, now),
        obj.PreemptionPolicy ?? "",
    ];
}

/// <summary>HorizontalPodAutoscalers of autoscaling/v2; v1 objects are converted to v2 and printed the same way.</summary>
internal sealed class HorizontalPodAutoscalerPrinter : TypedTablePrinter<AutoscalingV2.HorizontalPodAutoscaler>
{
    public static IReadOnlyList<TableColumn> AllColumns { get; } =
    [
        NameColumn,
        new("Reference", "string", "scaleTargetRef points to the target resource to scale, and is used to the pods for which metrics should be collected, as well as to actually change the replica count."),
        new("Targets", "string", "metrics contains the specifications for which to use to calculate the desired replica count."),
        new("MinPods", "string", "minReplicas is the lower limit for the number of replicas to which the autoscaler can scale down."),
        new("MaxPods", "string", "maxReplicas is the upper limit for the number of replicas to which the autoscaler can scale up."),
        new("Replicas", "string", "currentReplicas is current number of replicas of pods managed by this autoscaler, as last seen by the autoscaler."),
        AgeColumn,
    ];

    public override IReadOnlyList<TableColumn> Columns => AllColumns;

    protected override IReadOnlyList<object?> Row(AutoscalingV2.HorizontalPodAutoscaler obj, DateTimeOffset now) => PrintRow(obj, now);

    internal static IReadOnlyList<object?> PrintRow(AutoscalingV2.HorizontalPodAutoscaler obj, DateTimeOffset now)
    {
        var spec = obj.Spec ?? new AutoscalingV2.HorizontalPodAutoscalerSpec();
        return
        [
            obj.Metadata?.Name,
            $"{spec.ScaleTargetRef?.Kind}/{spec.ScaleTargetRef?.Name}",
            Targets(spec.Metrics, obj.Status?.CurrentMetrics),
            spec.MinReplicas is { } min ? CellFormat.Integer(min) : CellFormat.Unset,
            (long)(spec.MaxReplicas ?? 0),
            (long)(obj.Status?.CurrentReplicas ?? 0),
            Age(obj.Metadata?.CreationTimestamp, now),
        ];
    }

    /// <summary>"current/target" per metric ("cpu: 10%/50%", "&lt;unknown&gt;/50%"), two at most then " + N more...".</summary>
    internal static string Targets(List<AutoscalingV2.MetricSpec>? specs, List<AutoscalingV2.MetricStatus>? statuses)
    {
        if (specs is not { Count: > 0 })
        {
            return CellFormat.None;
        }

        const string unknown = "<unknown>";
        statuses ??= [];
        var list = new List<string>();
        for (var i = 0; i < specs.Count; i++)
        {
            var spec = specs[i];
            var status = i < statuses.Count ? statuses[i] : null;
            switch (spec.Type)
            {
                case "External":
                    var external = spec.External?.Target;
                    if (external?.AverageValue is { } externalAverage)
                    {
                        var current = status?.External?.Current?.AverageValue?.ToString() ?? unknown;
                        list.Add($"{current}/{externalAverage} (avg)");
                    }
                    else
                    {
                        var current = status?.External is { } s ? CellFormat.Quantity(s.Current?.Value) : unknown;
                        list.Add($"{current}/{CellFormat.Quantity(external?.Value)}");
                    }

                    break;
                case "Pods":
                    {
                        var current = status?.Pods is { } s ? CellFormat.Quantity(s.Current?.AverageValue) : unknown;
                        list.Add($"{current}/{CellFormat.Quantity(spec.Pods?.Target?.AverageValue)}");
                        break;
                    }

                case "Object":
                    var objectTarget = spec.Object?.Target;
                    if (objectTarget?.AverageValue is { } objectAverage)
                    {
                        var current = status?.Object?.Current?.AverageValue?.ToString() ?? unknown;
                        list.Add($"{current}/{objectAverage} (avg)");
                    }
                    else
                    {
                        var current = status?.Object is { } s ? CellFormat.Quantity(s.Current?.Value) : unknown;
                        list.Add($"{current}/{CellFormat.Quantity(objectTarget?.Value)}");
                    }

                    break;
                case "Resource":
                    list.Add(ResourceTarget(spec.Resource?.Name, spec.Resource?.Target, status?.Resource is { } r ? r.Current ?? new() : null));
                    break;
                case "ContainerResource":
                    list.Add(ResourceTarget(spec.ContainerResource?.Name, spec.ContainerResource?.Target, status?.ContainerResource is { } c ? c.Current ?? new() : null));
                    break;
                default:
                    list.Add("<unknown type>");
                    break;
            }
        }

        const int maximum = 2;
        var text = string.Join(", ", list.Take(maximum));
        return list.Count > maximum ? $"{text} + {list.Count - maximum} more..." : text;
    }

    private static string ResourceTarget(string? name, AutoscalingV2.MetricTarget? target, AutoscalingV2.MetricValueStatus? current)
    {
        if (target?.AverageValue is { } average)
        {
            var now = current is null ? "<unknown>" : CellFormat.Quantity(current.AverageValue);
            return $"{name}: {now}/{average}";
        }

        var utilization = current?.AverageUtilization is { } u ? $"{u}%" : "<unknown>";
        var wanted = target?.AverageUtilization is { } t ? $"{t}%" : "<auto>";
        return $"{name}: {utilization}/{wanted}";
    }
}

internal sealed class HorizontalPodAutoscalerV1Printer : TypedTablePrinter<AutoscalingV1.HorizontalPodAutoscaler>
{
    public override IReadOnlyList<TableColumn> Columns => HorizontalPodAutoscalerPrinter.AllColumns;

    protected override IReadOnlyList<object?> Row(AutoscalingV1.HorizontalPodAutoscaler obj, DateTimeOffset now) =>
        HorizontalPodAutoscalerPrinter.PrintRow(AutoscalingV1.HorizontalPodAutoscalerConversion.ToV2(obj), now);
}

internal static class RoleBindingColumns
{
    public static IReadOnlyList<TableColumn> For(string kind) =>
    [
        TablePrinter.NameColumn,
        new("Role", "string", "RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace."),
        TablePrinter.AgeColumn,
        new("Users", "string", $"Users in the {kind}", 1),
        new("Groups", "string", $"Groups in the {kind}", 1),
        new("ServiceAccounts", "string", $"ServiceAccounts in the {kind}", 1),
    ];

    public static IReadOnlyList<object?> Row(string? name, RoleRef? roleRef, List<Subject>? subjects, DateTimeOffset? created, DateTimeOffset now)
    {
        subjects ??= [];
        string Of(string kind) => string.Join(", ", subjects.Where(s => s.Kind == kind).Select(s => kind == "ServiceAccount" ? $"{s.Namespace}/{s.Name}" : s.Name));
        return
        [
            name,
            $"{roleRef?.Kind}/{roleRef?.Name}",
            TablePrinter.Age(created, now),
            Of("User"),
            Of("Group"),
            Of("ServiceAccount"),
        ];
    }
}

internal sealed class RoleBindingPrinter : TypedTablePrinter<RoleBinding>
{
    public override IReadOnlyList<TableColumn> Columns { get; } = RoleBindingColumns.For("roleBinding");

    protected override IReadOnlyList<object?> Row(RoleBinding obj, DateTimeOffset now) =>
        RoleBindingColumns.Row(obj.Metadata?.Name, obj.RoleRef, obj.Subjects, obj.Metadata?.CreationTimestamp, now);
}

internal sealed class ClusterRoleBindingPrinter : TypedTablePrinter<ClusterRoleBinding>
{
    public override IReadOnlyList<TableColumn> Columns { get; } = RoleBindingColumns.For("clusterRoleBinding");

    protected override IReadOnlyList<object?> Row(ClusterRoleBinding obj, DateTimeOffset now) =>
        RoleBindingColumns.Row(obj.Metadata?.Name, obj.RoleRef, obj.Subjects, obj.Metadata?.CreationTimestamp, now);
}
