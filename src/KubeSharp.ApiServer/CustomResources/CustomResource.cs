using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using KubeSharp.Api;

namespace KubeSharp.ApiServer.CustomResources;

/// <summary>
/// An object of a custom resource: apiVersion, kind and metadata typed (so the registry treats its
/// metadata as any kind's), every other top-level field kept as JSON in <see cref="Content"/>.
/// </summary>
public sealed class CustomResource : KubernetesObject
{
    /// <summary>The top-level fields besides apiVersion, kind and metadata (spec, status, …).</summary>
    /// <remarks>A dictionary of elements: System.Text.Json writes a JsonObject extension-data property as a nested object.</remarks>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Content { get; set; }

    /// <summary>A mutable copy of <see cref="Content"/>.</summary>
    public JsonObject ContentObject()
    {
        var result = new JsonObject();
        foreach (var (key, value) in Content ?? [])
        {
            result[key] = JsonNode.Parse(value.GetRawText());
        }

        return result;
    }

    /// <summary>Replaces <see cref="Content"/> with the fields of <paramref name="content"/>.</summary>
    public void SetContent(JsonObject content)
    {
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (key, value) in content)
        {
            fields[key] = JsonSerializer.SerializeToElement(value);
        }

        Content = fields;
    }
}
