using System.Text.Json.Nodes;
using KubeSharp.ApiServer.Registry;

namespace KubeSharp.ApiServer.Http;

/// <summary>
/// Applies the four patch types Kubernetes accepts to a live object: JSON patch (RFC 6902), JSON
/// merge patch (RFC 7386), strategic merge patch and server-side apply.
/// </summary>
public sealed class PatchApplier
{
    /// <summary>Parses the patch document; 415 for a patch type the resource does not take.</summary>
    public JsonNode Parse(byte[] body, string patchType, ResourceDefinition definition, string? fieldValidation, List<string> warnings)
    {
        _ = definition;
        _ = fieldValidation;
        _ = warnings;
        return patchType switch
        {
            MediaTypes.MergePatch or MediaTypes.StrategicMergePatch or MediaTypes.JsonPatch => RequestBody.ParseDocument(body, MediaTypes.Json),
            MediaTypes.ApplyPatchYaml => RequestBody.ParseDocument(body, MediaTypes.ApplyPatchYaml),
            _ => throw ApiException.UnsupportedMediaType(patchType),
        };
    }

    /// <summary>The object the patch produces from <paramref name="live"/> (null: absent, only for apply).</summary>
    public JsonObject Apply(JsonObject? live, JsonNode patch, string patchType, ResourceDefinition definition, string manager, bool force, string name, string? ns)
    {
        _ = definition;
        _ = manager;
        _ = force;
        _ = name;
        _ = ns;
        switch (patchType)
        {
            case MediaTypes.MergePatch:
                if (patch is not JsonObject)
                {
                    throw ApiException.BadRequest("json: cannot unmarshal array into Go value of type map[string]interface {}");
                }

                return MergePatch(live ?? new JsonObject(), patch).AsObject();
            default:
                throw ApiException.UnsupportedMediaType(patchType);
        }
    }

    /// <summary>Applies a merge or strategic merge patch to a Scale (where both mean a plain merge).</summary>
    public JsonObject ApplyToScale(JsonObject scale, byte[] body, string patchType)
    {
        var patch = RequestBody.ParseDocument(body, MediaTypes.Json);
        return patchType switch
        {
            MediaTypes.MergePatch or MediaTypes.StrategicMergePatch => MergePatch(scale, patch).AsObject(),
            _ => throw ApiException.UnsupportedMediaType(patchType),
        };
    }

    private static JsonNode MergePatch(JsonNode target, JsonNode patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch.DeepClone();
        }

        var result = target as JsonObject is { } t ? t.DeepClone().AsObject() : new JsonObject();
        foreach (var (key, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(key);
            }
            else
            {
                result[key] = MergePatch(result[key] ?? new JsonObject(), value);
            }
        }

        return result;
    }
}
