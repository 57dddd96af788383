namespace KubeSharp.ApiServer.Http;

/// <summary>Media types of the Kubernetes API and the negotiation rules the server applies.</summary>
public static class MediaTypes
{
    public const string Json = "application/json";
    public const string Yaml = "application/yaml";
    public const string Protobuf = "application/vnd.kubernetes.protobuf";
    public const string JsonPatch = "application/json-patch+json";
    public const string MergePatch = "application/merge-patch+json";
    public const string StrategicMergePatch = "application/strategic-merge-patch+json";
    public const string ApplyPatchYaml = "application/apply-patch+yaml";

    /// <summary>The media type without parameters, lower-cased ("application/json; charset=utf-8" → "application/json").</summary>
    public static string Essence(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return "";
        }

        var semi = contentType.IndexOf(';', StringComparison.Ordinal);
        return (semi < 0 ? contentType : contentType[..semi]).Trim().ToLowerInvariant();
    }

    /// <summary>What the client accepts for a GET: a Table, PartialObjectMetadata, or the object itself.</summary>
    public static ResponseShape Negotiate(string? accept)
    {
        if (string.IsNullOrEmpty(accept))
        {
            return ResponseShape.Object;
        }

        foreach (var raw in accept.Split(','))
        {
            var parts = raw.Split(';', StringSplitOptions.TrimEntries);
            var type = parts[0].ToLowerInvariant();
            var asKind = parts.Skip(1).Select(p => p.Split('=', 2)).Where(kv => kv.Length == 2 && kv[0] == "as").Select(kv => kv[1]).FirstOrDefault();
            if (asKind == "Table" && type is Json or "application/*" or "*/*")
            {
                return ResponseShape.Table;
            }

            if (asKind is "PartialObjectMetadata" or "PartialObjectMetadataList" && type is Json)
            {
                return ResponseShape.Metadata;
            }

            if (asKind is null && type is Json or "application/*" or "*/*" or Protobuf or Yaml)
            {
                return ResponseShape.Object;
            }
        }

        return ResponseShape.Unacceptable;
    }
}

public enum ResponseShape
{
    Object,
    Table,
    Metadata,
    Unacceptable,
}
