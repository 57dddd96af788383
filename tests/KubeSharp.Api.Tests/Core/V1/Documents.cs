using System.Reflection;
using System.Text.Json.Nodes;

namespace KubeSharp.Api.Tests.Core.V1;

/// <summary>The sample API documents embedded in this assembly (Documents/*.json).</summary>
internal static class Documents
{
    public static string Read(string fileName)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(fileName)
            ?? throw new InvalidOperationException($"no embedded document {fileName}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// Parses a document and drops null-valued properties: Go prints an unset metav1.Time as
    /// null, which carries no information and is omitted by KubeJson.
    /// </summary>
    public static JsonNode ParseWithoutNulls(string json) => WithoutNulls(JsonNode.Parse(json)!);

    private static JsonNode WithoutNulls(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    if (value is null)
                    {
                        obj.Remove(key);
                    }
                    else
                    {
                        WithoutNulls(value);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is not null)
                    {
                        WithoutNulls(item);
                    }
                }

                break;
        }

        return node;
    }
}
