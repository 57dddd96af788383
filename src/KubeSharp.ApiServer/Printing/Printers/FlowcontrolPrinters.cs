using KubeSharp.Api.Flowcontrol.V1;

namespace KubeSharp.ApiServer.Printing.Printers;

internal sealed class FlowSchemaPrinter : TypedTablePrinter<FlowSchema>
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        NameColumn,
        Column("PriorityLevel", "string", "The priority level the matched requests are assigned to."),
        Column("MatchingPrecedence", "string", "The order among schemas: lower values match first."),
        Column("DistinguisherMethod", "string", "How matched requests are divided into flows."),
        AgeColumn,
        Column("MissingPL", "string", "Whether the referenced priority level is missing (the Dangling condition)."),
    ];

    protected override IReadOnlyList<object?> Row(FlowSchema obj, DateTimeOffset now)
    {
        var spec = obj.Spec ?? new FlowSchemaSpec();
        var dangling = obj.Status?.Conditions?.FirstOrDefault(c => c.Type == "Dangling");
        return
        [
            obj.Metadata?.Name,
            spec.PriorityLevelConfiguration?.Name ?? "",
            (long)(spec.MatchingPrecedence ?? 0),
            spec.DistinguisherMethod?.Type ?? CellFormat.None,
            Age(obj.Metadata?.CreationTimestamp, now),
            dangling?.Status ?? "?",
        ];
    }
}

internal sealed class PriorityLevelConfigurationPrinter : TypedTablePrinter<PriorityLevelConfiguration>
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        NameColumn,
        Column("Type", "string", "Exempt or Limited."),
        Column("NominalConcurrencyShares", "string", "The level's share of the server's concurrency limit."),
        Column("Queues", "string", "The number of queues."),
        Column("HandSize", "string", "The number of queues a flow is shuffle-sharded to."),
        Column("QueueLengthLimit", "string", "The most requests waiting in one queue."),
        AgeColumn,
    ];

    protected override IReadOnlyList<object?> Row(PriorityLevelConfiguration obj, DateTimeOffset now)
    {
        var limited = obj.Spec?.Limited;
        var queuing = limited?.LimitResponse?.Queuing;
        return
        [
            obj.Metadata?.Name,
            obj.Spec?.Type ?? "",
            limited?.NominalConcurrencyShares is { } shares ? (long)shares : CellFormat.None,
            queuing?.Queues is { } queues ? (long)queues : CellFormat.None,
            queuing?.HandSize is { } hand ? (long)hand : CellFormat.None,
            queuing?.QueueLengthLimit is { } limit ? (long)limit : CellFormat.None,
            Age(obj.Metadata?.CreationTimestamp, now),
        ];
    }
}
