using System.Text.Json;
using System.Text.Json.Nodes;

namespace KubeSharp.Api.Patch;

/// <summary>
/// JSON Merge Patch (RFC 7386): an object patch merges member by member (null deletes, objects
/// recurse); any other patch value replaces the target. Inputs are never modified.
/// </summary>
public static class JsonMergePatch
{
    /// <summary>
    /// Parses <paramref name="patchJson"/> and applies it to an API object. The API server accepts only
    /// object patches here: anything else is 400 "Invalid JSON Patch", as is undecodable JSON.
    /// </summary>
    public static JsonObject Apply(JsonObject target, string patchJson)
    {
        JsonNode? patch;
        try
        {
            patch = JsonNode.Parse(patchJson);
        }
        catch (JsonException e)
        {
            throw PatchException.Malformed($"error decoding patch: {e.Message}");
        }

        if (patch is not JsonObject)
        {
            throw PatchException.Malformed("Invalid JSON Patch");
        }

        return (JsonObject)Apply(target, patch)!;
    }

    /// <summary>The RFC 7386 MergePatch(target, patch) function; returns a new tree.</summary>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target is JsonObject targetObject ? (JsonObject)targetObject.DeepClone() : [];
        MergeInto(result, patchObject);
        return result;
    }

    /// <summary>
    /// A merge patch that turns <paramref name="original"/> into <paramref name="modified"/>: members
    /// missing from modified become null, changed members are given (objects as nested patches).
    /// A null member in <paramref name="modified"/> cannot be expressed and is treated as absent.
    /// </summary>
    public static JsonNode? CreateMergePatch(JsonNode? original, JsonNode? modified)
    {
        if (original is JsonObject originalObject && modified is JsonObject modifiedObject)
        {
            return Diff(originalObject, modifiedObject);
        }

        return modified?.DeepClone();
    }

    private static void MergeInto(JsonObject target, JsonObject patch)
    {
        foreach (var (name, value) in patch)
        {
            if (value is null)
            {
                target.Remove(name);
            }
            else if (value is JsonObject nestedPatch)
            {
                var nested = target[name] as JsonObject;
                if (nested is null)
                {
                    nested = [];
                    target[name] = nested;
                }

                MergeInto(nested, nestedPatch);
            }
            else
            {
                target[name] = value.DeepClone();
            }
        }
    }

    private static JsonObject Diff(JsonObject original, JsonObject modified)
    {
        var patch = new JsonObject();
        foreach (var (name, originalValue) in original)
        {
            if (originalValue is not null && (!modified.TryGetPropertyValue(name, out var modifiedValue) || modifiedValue is null))
            {
                patch[name] = null;
            }
        }

        foreach (var (name, modifiedValue) in modified)
        {
            if (modifiedValue is null)
            {
                continue;
            }

            original.TryGetPropertyValue(name, out var originalValue);
            if (originalValue is JsonObject originalObject && modifiedValue is JsonObject modifiedObject)
            {
                var nested = Diff(originalObject, modifiedObject);
                if (nested.Count > 0)
                {
                    patch[name] = nested;
                }
            }
            else if (!JsonEquality.Equal(originalValue, modifiedValue) || originalValue is null)
            {
                patch[name] = modifiedValue.DeepClone();
            }
        }

        return patch;
    }
}
