using System.Text;
using KubeSharp.Api.Core.V1;

namespace KubeSharp.ApiServer.Printing.Printers;

internal sealed class SecretPrinter : TypedTablePrinter<Secret>
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        NameColumn,
        Column("Type", "string", "Used to facilitate programmatic handling of secret data."),
        Column("Data", "string", "Data contains the secret data."),
        AgeColumn,
    ];

    protected override IReadOnlyList<object?> Row(Secret obj, DateTimeOffset now) =>
        [obj.Metadata?.Name, obj.Type ?? "", (long)(obj.Data?.Count ?? 0), Age(obj.Metadata?.CreationTimestamp, now)];
}

internal sealed class ConfigMapPrinter : TypedTablePrinter<ConfigMap>
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        NameColumn,
        Column("Data", "string", "Data contains the configuration data."),
        AgeColumn,
    ];

    protected override IReadOnlyList<object?> Row(ConfigMap obj, DateTimeOffset now) =>
        [obj.Metadata?.Name, (long)((obj.Data?.Count ?? 0) + (obj.BinaryData?.Count ?? 0)), Age(obj.Metadata?.CreationTimestamp, now)];
}

internal sealed class ServiceAccountPrinter : TypedTablePrinter<ServiceAccount>
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        NameColumn,
        Column("Secrets", "string", "Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use."),
        AgeColumn,
    ];

    protected override IReadOnlyList<object?> Row(ServiceAccount obj, DateTimeOffset now) =>
        [obj.Metadata?.Name, (long)(obj.Secrets?.Count ?? 0), Age(obj.Metadata?.CreationTimestamp, now)];
}

internal sealed class ResourceQuotaPrinter : TypedTablePrinter<ResourceQuota>
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        NameColumn,
        AgeColumn,
        Column("Request", "string", "Request represents a minimum amount of cpu/memory that a container may consume."),
        Column("Limit", "string", "Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node."),
    ];

    /// <summary>"resource: used/hard" for every hard limit in status, sorted by name; "limits.*" go to the Limit column.</summary>
    protected override IReadOnlyList<object?> Row(ResourceQuota obj, DateTimeOffset now)
    {
        var hard = obj.Status?.Hard ?? [];
        var used = obj.Status?.Used;
        var requests = new StringBuilder();
        var limits = new StringBuilder();
        foreach (var name in hard.Keys.Order(StringComparer.Ordinal))
        {
            var target = name.Split('.') is { Length: > 1 } parts && parts[0] == "limits" ? limits : requests;
            target.Append(name).Append(": ").Append(CellFormat.Quantity(used, name)).Append('/').Append(CellFormat.Quantity(hard, name)).Append(", ");
        }

        return [obj.Metadata?.Name, Age(obj.Metadata?.CreationTimestamp, now), TrimSeparator(requests), TrimSeparator(limits)];
    }

    private static string TrimSeparator(StringBuilder b) => b.ToString().TrimEnd().TrimEnd(',');
}
