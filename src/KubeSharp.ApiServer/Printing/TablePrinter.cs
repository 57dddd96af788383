using System.Globalization;
using KubeSharp.Api;

namespace KubeSharp.ApiServer.Printing;

/// <summary>
/// Prints one kind as Kubernetes' server-side printers do (pkg/printers/internalversion): the
/// column definitions and, per object, the cells. Cells are strings, numbers or booleans.
/// </summary>
public abstract class TablePrinter
{
    public abstract IReadOnlyList<TableColumn> Columns { get; }

    public abstract IReadOnlyList<object?> Cells(KubernetesObject obj, DateTimeOffset now);

    /// <summary>The Name column every printer starts with.</summary>
    public static TableColumn NameColumn { get; } = new("Name", "string", "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names", 0, "name");

    public static TableColumn AgeColumn { get; } = new("Age", "string", "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata");

    /// <summary>The age of a timestamp as kubectl prints it ("5s", "3m", "2d4h", "<unknown>").</summary>
    public static string Age(DateTimeOffset? since, DateTimeOffset now) =>
        since is { } t ? HumanDuration(now - t) : "<unknown>";

    /// <summary>Kubernetes' duration.HumanDuration.</summary>
    public static string HumanDuration(TimeSpan d)
    {
        var seconds = (long)Math.Floor(d.TotalSeconds);
        if (seconds < -1)
        {
            return "<invalid>";
        }

        if (seconds < 0)
        {
            return "0s";
        }

        if (seconds < 60 * 2)
        {
            return seconds.ToString(CultureInfo.InvariantCulture) + "s";
        }

        var minutes = seconds / 60;
        if (minutes < 10)
        {
            var s = seconds % 60;
            return s == 0 ? $"{minutes}m" : $"{minutes}m{s}s";
        }

        if (minutes < 60 * 3)
        {
            return $"{minutes}m";
        }

        var hours = minutes / 60;
        if (hours < 8)
        {
            var m = minutes % 60;
            return m == 0 ? $"{hours}h" : $"{hours}h{m}m";
        }

        if (hours < 48)
        {
            return $"{hours}h";
        }

        if (hours < 24 * 8)
        {
            var h = hours % 24;
            return h == 0 ? $"{hours / 24}d" : $"{hours / 24}d{h}h";
        }

        if (hours < 24 * 365 * 2)
        {
            return $"{hours / 24}d";
        }

        if (hours < 24 * 365 * 8)
        {
            var dy = hours / 24 % 365;
            return dy == 0 ? $"{hours / 24 / 365}y" : $"{hours / 24 / 365}y{dy}d";
        }

        return $"{hours / 24 / 365}y";
    }
}

/// <summary>The printer for kinds without one of their own: Name and Created At, as Kubernetes' default table.</summary>
public sealed class DefaultTablePrinter : TablePrinter
{
    public static DefaultTablePrinter Instance { get; } = new();

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        NameColumn,
        new("Created At", "date", "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata"),
    ];

    public override IReadOnlyList<object?> Cells(KubernetesObject obj, DateTimeOffset now) =>
    [
        obj.Metadata?.Name,
        obj.Metadata?.CreationTimestamp is { } t ? t.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture) : null,
    ];
}
