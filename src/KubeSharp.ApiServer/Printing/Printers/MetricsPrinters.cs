using KubeSharp.Api;
using KubeSharp.Api.Metrics.V1beta1;

namespace KubeSharp.ApiServer.Printing.Printers;

/// <summary>`kubectl get nodemetrics`: usage and the window it was measured over, as metrics-server prints them.</summary>
internal sealed class NodeMetricsPrinter : TypedTablePrinter<NodeMetrics>
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        NameColumn,
        Column("CPU", "string", "CPU usage"),
        Column("Memory", "string", "Memory usage"),
        Column("Window", "string", "CPU usage window"),
    ];

    protected override IReadOnlyList<object?> Row(NodeMetrics obj, DateTimeOffset now) =>
        [obj.Metadata?.Name, obj.Usage?.GetValueOrDefault("cpu")?.ToString() ?? "", obj.Usage?.GetValueOrDefault("memory")?.ToString() ?? "", obj.Window ?? ""];
}

/// <summary>`kubectl get podmetrics`: the pod's containers' usage summed.</summary>
internal sealed class PodMetricsPrinter : TypedTablePrinter<PodMetrics>
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        NameColumn,
        Column("CPU", "string", "CPU usage"),
        Column("Memory", "string", "Memory usage"),
        Column("Window", "string", "CPU usage window"),
    ];

    protected override IReadOnlyList<object?> Row(PodMetrics obj, DateTimeOffset now) =>
        [obj.Metadata?.Name, Sum(obj, "cpu"), Sum(obj, "memory"), obj.Window ?? ""];

    private static string Sum(PodMetrics obj, string resource) =>
        (obj.Containers ?? []).Select(c => c.Usage?.GetValueOrDefault(resource)).OfType<Quantity>().Aggregate((Quantity?)null, (total, q) => total is null ? q : total + q)?.ToString() ?? "";
}
