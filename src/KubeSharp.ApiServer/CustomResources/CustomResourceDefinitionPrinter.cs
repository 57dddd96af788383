using System.Globalization;
using KubeSharp.Api;
using KubeSharp.ApiServer.Printing;

namespace KubeSharp.ApiServer.CustomResources;

/// <summary>Kubernetes' default table of CustomResourceDefinitions: NAME and CREATED AT (an RFC 3339 time, not an age).</summary>
internal sealed class CustomResourceDefinitionPrinter : TablePrinter
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        NameColumn,
        new TableColumn("Created At", "date", "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata"),
    ];

    public override IReadOnlyList<object?> Cells(KubernetesObject obj, DateTimeOffset now) =>
    [
        obj.Metadata?.Name ?? "",
        obj.Metadata?.CreationTimestamp?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
    ];
}
