using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using KubeSharp.Api;
using KubeSharp.Api.ApiExtensions.V1;
using KubeSharp.ApiServer.Printing;

namespace KubeSharp.ApiServer.CustomResources;

/// <summary>
/// Prints a custom resource version's objects: Name and the version's additionalPrinterColumns
/// (simple JSONPaths), or Name and Age when it declares none, as apiextensions-apiserver does.
/// Date columns print as ages, string columns as JSONPath prints values.
/// </summary>
internal sealed class CustomResourcePrinter : TablePrinter
{
    private static readonly CustomResourceColumnDefinition DefaultAge = new() { Name = "Age", Type = "date", JsonPath = ".metadata.creationTimestamp" };

    private readonly IReadOnlyList<(CustomResourceColumnDefinition Column, IReadOnlyList<object>? Path)> _columns;

    public CustomResourcePrinter(IReadOnlyList<CustomResourceColumnDefinition>? columns)
    {
        var declared = columns is { Count: > 0 } ? columns : [DefaultAge];
        _columns = [.. declared.Select(c => (c, SimpleJsonPath.Parse(c.JsonPath ?? "")))];
        Columns =
        [
            NameColumn,
            .. _columns.Select(c => new TableColumn(
                c.Column.Name ?? "",
                c.Column.Type ?? "string",
                string.IsNullOrEmpty(c.Column.Description) ? $"Custom resource definition column (in JSONPath format): {c.Column.JsonPath}" : c.Column.Description,
                c.Column.Priority ?? 0,
                c.Column.Format ?? "")),
        ];
    }

    public override IReadOnlyList<TableColumn> Columns { get; }

    public override IReadOnlyList<object?> Cells(KubernetesObject obj, DateTimeOffset now)
    {
        var json = JsonSerializer.SerializeToNode(obj, obj.GetType(), KubeJson.Options);
        var cells = new List<object?>(_columns.Count + 1) { obj.Metadata?.Name ?? "" };
        foreach (var (column, path) in _columns)
        {
            var value = path is null ? null : SimpleJsonPath.Find(json, path);
            cells.Add(value is null ? null : Cell(column.Type, value, now));
        }

        return cells;
    }

    private static object? Cell(string? type, JsonNode value, DateTimeOffset now)
    {
        var kind = value.GetValueKind();
        switch (type)
        {
            case "integer" when kind == JsonValueKind.Number:
                return value.AsValue().TryGetValue<long>(out var l) ? l : (long)value.GetValue<double>();
            case "number" when kind == JsonValueKind.Number:
                return value.GetValue<double>();
            case "boolean" when kind is JsonValueKind.True or JsonValueKind.False:
                return value.GetValue<bool>();
            case "date" when kind == JsonValueKind.String:
                return DateTimeOffset.TryParse(value.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
                    ? Age(t, now)
                    : "<invalid>";
            case "string":
                return kind == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString(KubeJson.Options);
            default:
                return null;
        }
    }
}

/// <summary>The JSONPath subset printer columns use: fields (".spec.replicas", ".a['b.c']") and indexes (".items[0]").</summary>
internal static class SimpleJsonPath
{
    /// <summary>The steps of a path (string: field, int: index); null when the path is not of the subset.</summary>
    public static IReadOnlyList<object>? Parse(string path)
    {
        var text = path.Trim();
        if (text.StartsWith('{') && text.EndsWith('}'))
        {
            text = text[1..^1];
        }

        text = text.TrimStart('$');
        var steps = new List<object>();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '.')
            {
                var start = ++i;
                while (i < text.Length && text[i] is not ('.' or '['))
                {
                    i++;
                }

                if (i > start)
                {
                    steps.Add(text[start..i]);
                }
            }
            else if (text[i] == '[')
            {
                var end = text.IndexOf(']', i);
                if (end < 0)
                {
                    return null;
                }

                var inner = text[(i + 1)..end].Trim();
                if (inner.Length >= 2 && inner[0] is '\'' or '"' && inner[^1] == inner[0])
                {
                    steps.Add(inner[1..^1]);
                }
                else if (int.TryParse(inner, NumberStyles.Integer, CultureInfo.InvariantCulture, out var index))
                {
                    steps.Add(index);
                }
                else
                {
                    return null;
                }

                i = end + 1;
            }
            else
            {
                return null;
            }
        }

        return steps;
    }

    public static JsonNode? Find(JsonNode? node, IReadOnlyList<object> steps)
    {
        foreach (var step in steps)
        {
            node = (step, node) switch
            {
                (string field, JsonObject obj) => obj[field],
                (int index, JsonArray array) => index >= 0 && index < array.Count ? array[index] : index < 0 && -index <= array.Count ? array[array.Count + index] : null,
                _ => null,
            };
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }
}
