using System.Text.Json;
using KubeSharp.Api;
using KubeSharp.ApiServer.Storage;

namespace KubeSharp.ApiServer.Printing;

/// <summary>Looks up the printer of a kind and writes metav1.Table documents.</summary>
public sealed class TablePrinters
{
    private readonly Dictionary<Type, TablePrinter> _printers = [];

    public void Register<T>(TablePrinter printer)
        where T : KubernetesObject => _printers[typeof(T)] = printer;

    public void Register(Type type, TablePrinter printer) => _printers[type] = printer;

    public TablePrinter For(Type type) => _printers.GetValueOrDefault(type) ?? DefaultTablePrinter.Instance;

    /// <summary>
    /// Writes a Table. <paramref name="includeObject"/> is the includeObject parameter: None,
    /// Metadata (the default: PartialObjectMetadata) or Object.
    /// </summary>
    public void Write(Utf8JsonWriter w, Type type, IEnumerable<StoredObject> objects, string? resourceVersion, string? continueToken, long? remaining, string includeObject, bool includeColumns) =>
        Write(w, For(type), objects, resourceVersion, continueToken, remaining, includeObject, includeColumns);

    /// <summary>Writes a Table of a resource's objects with its own printer, if it has one.</summary>
    public void Write(Utf8JsonWriter w, Registry.ResourceDefinition definition, IEnumerable<StoredObject> objects, string? resourceVersion, string? continueToken, long? remaining, string includeObject, bool includeColumns) =>
        Write(w, definition.Printer ?? For(definition.ClrType), objects, resourceVersion, continueToken, remaining, includeObject, includeColumns);

    private static void Write(Utf8JsonWriter w, TablePrinter printer, IEnumerable<StoredObject> objects, string? resourceVersion, string? continueToken, long? remaining, string includeObject, bool includeColumns)
    {
        var now = DateTimeOffset.UtcNow;
        w.WriteStartObject();
        w.WriteString("kind", "Table");
        w.WriteString("apiVersion", "meta.k8s.io/v1");
        w.WriteStartObject("metadata");
        if (resourceVersion is not null)
        {
            w.WriteString("resourceVersion", resourceVersion);
        }

        if (!string.IsNullOrEmpty(continueToken))
        {
            w.WriteString("continue", continueToken);
        }

        if (remaining is > 0)
        {
            w.WriteNumber("remainingItemCount", remaining.Value);
        }

        w.WriteEndObject();
        w.WriteStartArray("columnDefinitions");
        if (includeColumns)
        {
            foreach (var c in printer.Columns)
            {
                w.WriteStartObject();
                w.WriteString("name", c.Name);
                w.WriteString("type", c.Type);
                w.WriteString("format", c.Format);
                w.WriteString("description", c.Description);
                w.WriteNumber("priority", c.Priority);
                w.WriteEndObject();
            }
        }

        w.WriteEndArray();
        w.WriteStartArray("rows");
        foreach (var o in objects)
        {
            w.WriteStartObject();
            w.WriteStartArray("cells");
            foreach (var cell in printer.Cells(o.Object, now))
            {
                switch (cell)
                {
                    case null: w.WriteNullValue(); break;
                    case string s: w.WriteStringValue(s); break;
                    case int i: w.WriteNumberValue(i); break;
                    case long l: w.WriteNumberValue(l); break;
                    case double d: w.WriteNumberValue(d); break;
                    case bool b: w.WriteBooleanValue(b); break;
                    default: w.WriteStringValue(cell.ToString()); break;
                }
            }

            w.WriteEndArray();
            switch (includeObject)
            {
                case "None":
                    w.WriteNull("object");
                    break;
                case "Object":
                    w.WritePropertyName("object");
                    w.WriteRawValue(o.Json, skipInputValidation: true);
                    break;
                default:
                    w.WriteStartObject("object");
                    w.WriteString("kind", "PartialObjectMetadata");
                    w.WriteString("apiVersion", "meta.k8s.io/v1");
                    w.WritePropertyName("metadata");
                    JsonSerializer.Serialize(w, o.Object.Metadata, KubeJson.Options);
                    w.WriteEndObject();
                    break;
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
