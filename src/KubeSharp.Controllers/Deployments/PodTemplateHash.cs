using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using KubeSharp.Api;
using KubeSharp.Api.Core.V1;

namespace KubeSharp.Controllers.Deployments;

/// <summary>
/// The pod-template-hash label value of a Deployment's ReplicaSet: a short, stable name for a pod
/// template (FNV-1a over its canonical JSON with sorted keys, plus the collision count), spelled in
/// the consonant-and-digit alphabet Kubernetes uses so names never form words.
/// </summary>
internal static class PodTemplateHash
{
    public const string Label = "pod-template-hash";
    private const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";

    public static string Compute(PodTemplateSpec? template, int? collisionCount)
    {
        var canonical = Canonical(template);
        uint hash = 2166136261;
        foreach (var b in Encoding.UTF8.GetBytes(canonical))
        {
            hash = (hash ^ b) * 16777619;
        }

        if (collisionCount is int count and > 0)
        {
            foreach (var b in BitConverter.GetBytes(count))
            {
                hash = (hash ^ b) * 16777619;
            }
        }

        var digits = hash.ToString(CultureInfo.InvariantCulture);
        var encoded = new StringBuilder(digits.Length);
        foreach (var c in digits)
        {
            encoded.Append(Alphabet[c % Alphabet.Length]);
        }

        return encoded.ToString();
    }

    /// <summary>Whether two templates are the same apart from the pod-template-hash label.</summary>
    public static bool EqualIgnoringHash(PodTemplateSpec? a, PodTemplateSpec? b) =>
        string.Equals(Canonical(a), Canonical(b), StringComparison.Ordinal);

    /// <summary>JSON of the template without the pod-template-hash label, object keys sorted.</summary>
    internal static string Canonical(PodTemplateSpec? template)
    {
        var node = template is null ? new JsonObject() : JsonNode.Parse(KubeJson.Serialize(template))!;
        if (node["metadata"]?["labels"] is JsonObject labels)
        {
            labels.Remove(Label);
            if (labels.Count == 0)
            {
                node["metadata"]!.AsObject().Remove("labels");
            }
        }

        if (node["metadata"] is JsonObject { Count: 0 })
        {
            node.AsObject().Remove("metadata");
        }

        return Sorted(node)?.ToJsonString() ?? "null";
    }

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray array => new JsonArray(array.Select(Sorted).ToArray()),
        null => null,
        _ => node.DeepClone(),
    };
}
