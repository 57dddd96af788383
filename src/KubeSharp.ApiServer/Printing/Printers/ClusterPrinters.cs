using KubeSharp.Api.Coordination.V1;
using KubeSharp.Api.Core.V1;
using KubeSharp.Api.Node.V1;
using EventsV1 = KubeSharp.Api.Events.V1;

namespace KubeSharp.ApiServer.Printing.Printers;

internal sealed class NodePrinter : TypedTablePrinter<Node>
{
    private const string RoleLabelPrefix = "node-role.kubernetes.io/";
    private const string RoleLabel = "kubernetes.io/role";

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        NameColumn,
        Column("Status", "string", "The status of the node"),
        Column("Roles", "string", "The roles of the node"),
        AgeColumn,
        Column("Version", "string", "Kubelet Version reported by the node."),
        Wide("Internal-IP", "List of addresses reachable to the node."),
        Wide("External-IP", "List of addresses reachable to the node."),
        Wide("OS-Image", "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy))."),
        Wide("Kernel-Version", "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64)."),
        Wide("Container-Runtime", "ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2)."),
    ];

    protected override IReadOnlyList<object?> Row(Node obj, DateTimeOffset now)
    {
        var info = obj.Status?.NodeInfo ?? new NodeSystemInfo();
        var roles = Roles(obj);
        return
        [
            obj.Metadata?.Name,
            StatusText(obj),
            roles.Count == 0 ? CellFormat.None : string.Join(",", roles),
            Age(obj.Metadata?.CreationTimestamp, now),
            info.KubeletVersion ?? "",
            Address(obj, "InternalIP"),
            Address(obj, "ExternalIP"),
            OrUnknown(info.OsImage),
            OrUnknown(info.KernelVersion),
            OrUnknown(info.ContainerRuntimeVersion),
        ];
    }

    /// <summary>"Ready", "NotReady" or "Unknown" (no Ready condition), then ",SchedulingDisabled" for a cordoned node.</summary>
    internal static string StatusText(Node node)
    {
        var ready = node.Status?.Conditions?.LastOrDefault(c => c.Type == "Ready");
        var status = ready is null ? "Unknown" : ready.Status == "True" ? "Ready" : "NotReady";
        return node.Spec?.Unschedulable == true ? status + ",SchedulingDisabled" : status;
    }

    /// <summary>Roles from node-role.kubernetes.io/&lt;role&gt; labels and the kubernetes.io/role label, sorted.</summary>
    internal static List<string> Roles(Node node)
    {
        var roles = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in node.Metadata?.Labels ?? [])
        {
            if (key.StartsWith(RoleLabelPrefix, StringComparison.Ordinal) && key.Length > RoleLabelPrefix.Length)
            {
                roles.Add(key[RoleLabelPrefix.Length..]);
            }
            else if (key == RoleLabel && value.Length > 0)
            {
                roles.Add(value);
            }
        }

        return [.. roles];
    }

    private static string Address(Node node, string type) =>
        node.Status?.Addresses?.FirstOrDefault(a => a.Type == type)?.Address ?? CellFormat.None;

    private static string OrUnknown(string? value) => string.IsNullOrEmpty(value) ? "<unknown>" : value;
}

internal sealed class NamespacePrinter : TypedTablePrinter<Namespace>
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        NameColumn,
        Column("Status", "string", "The status of the namespace"),
        AgeColumn,
    ];

    protected override IReadOnlyList<object?> Row(Namespace obj, DateTimeOffset now) =>
        [obj.Metadata?.Name, obj.Status?.Phase ?? "", Age(obj.Metadata?.CreationTimestamp, now)];
}

/// <summary>Events of core/v1 and events.k8s.io/v1, which Kubernetes prints with one printer.</summary>
internal static class EventColumns
{
    public static IReadOnlyList<TableColumn> All { get; } =
    [
        new("Last Seen", "string", "The time at which the most recent occurrence of this event was recorded."),
        new("Type", "string", "Type of this event (Normal, Warning), new types could be added in the future"),
        new("Reason", "string", "This should be a short, machine understandable string that gives the reason for the transition into the object's current status."),
        new("Object", "string", "The object that this event is about."),
        new("Subobject", "string", "If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2].", 1),
        new("Source", "string", "The component reporting this event. Should be a short machine understandable string.", 1),
        new("Message", "string", "A human-readable description of the status of this operation."),
        new("First Seen", "string", "The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)", 1),
        new("Count", "string", "The number of times this event has occurred.", 1),
        TablePrinter.NameColumn with { Priority = 1 },
    ];

    public static IReadOnlyList<object?> Row(
        string? name,
        ObjectReference? regarding,
        string? type,
        string? reason,
        string? message,
        EventSource? source,
        string? reportingController,
        string? reportingInstance,
        DateTimeOffset? firstTimestamp,
        DateTimeOffset? lastTimestamp,
        DateTimeOffset? eventTime,
        int? count,
        DateTimeOffset? seriesLastObserved,
        int? seriesCount,
        bool hasSeries,
        DateTimeOffset now)
    {
        var firstSeen = firstTimestamp is not null ? TablePrinter.Age(firstTimestamp, now) : TablePrinter.Age(eventTime, now);
        var lastSeen = lastTimestamp is not null ? TablePrinter.Age(lastTimestamp, now) : firstSeen;
        long occurrences = count ?? 0;
        if (hasSeries)
        {
            lastSeen = TablePrinter.Age(seriesLastObserved, now);
            occurrences = seriesCount ?? 0;
        }
        else if (occurrences == 0)
        {
            occurrences = 1;
        }

        var kind = (regarding?.Kind ?? "").ToLowerInvariant();
        var target = string.IsNullOrEmpty(regarding?.Name) ? kind : $"{kind}/{regarding.Name}";
        var component = FirstNonEmpty(source?.Component, reportingController);
        var instance = FirstNonEmpty(source?.Host, reportingInstance);
        return
        [
            lastSeen,
            type ?? "",
            reason ?? "",
            target,
            regarding?.FieldPath ?? "",
            instance.Length == 0 ? component : $"{component}, {instance}",
            (message ?? "").Trim(),
            firstSeen,
            occurrences,
            name,
        ];
    }

    private static string FirstNonEmpty(string? a, string? b) => !string.IsNullOrEmpty(a) ? a : b ?? "";
}

internal sealed class EventPrinter : TypedTablePrinter<Event>
{
    public override IReadOnlyList<TableColumn> Columns => EventColumns.All;

    protected override IReadOnlyList<object?> Row(Event e, DateTimeOffset now) => EventColumns.Row(
        e.Metadata?.Name, e.InvolvedObject, e.Type, e.Reason, e.Message, e.Source, e.ReportingComponent, e.ReportingInstance,
        e.FirstTimestamp, e.LastTimestamp, e.EventTime, e.Count, e.Series?.LastObservedTime, e.Series?.Count, e.Series is not null, now);
}

internal sealed class EventsV1EventPrinter : TypedTablePrinter<EventsV1.Event>
{
    public override IReadOnlyList<TableColumn> Columns => EventColumns.All;

    protected override IReadOnlyList<object?> Row(EventsV1.Event e, DateTimeOffset now) => EventColumns.Row(
        e.Metadata?.Name, e.Regarding, e.Type, e.Reason, e.Note, e.DeprecatedSource, e.ReportingController, e.ReportingInstance,
        e.DeprecatedFirstTimestamp, e.DeprecatedLastTimestamp, e.EventTime, e.DeprecatedCount, e.Series?.LastObservedTime, e.Series?.Count, e.Series is not null, now);
}

internal sealed class LeasePrinter : TypedTablePrinter<Lease>
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        NameColumn,
        Column("Holder", "string", "holderIdentity contains the identity of the holder of a current lease."),
        AgeColumn,
    ];

    protected override IReadOnlyList<object?> Row(Lease obj, DateTimeOffset now) =>
        [obj.Metadata?.Name, obj.Spec?.HolderIdentity ?? "", Age(obj.Metadata?.CreationTimestamp, now)];
}

internal sealed class RuntimeClassPrinter : TypedTablePrinter<RuntimeClass>
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        NameColumn,
        Column("Handler", "string", "handler specifies the underlying runtime and configuration that the CRI implementation will use to handle pods of this class."),
        AgeColumn,
    ];

    protected override IReadOnlyList<object?> Row(RuntimeClass obj, DateTimeOffset now) =>
        [obj.Metadata?.Name, obj.Handler ?? "", Age(obj.Metadata?.CreationTimestamp, now)];
}
