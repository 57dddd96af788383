using System.Text.Json.Nodes;
using KubeSharp.Api;
using KubeSharp.Api.Patch;
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
        if (definition.Custom is not null && patchType == MediaTypes.StrategicMergePatch)
        {
            // Custom resources have no patch strategies to merge by (as in Kubernetes).
            throw new ApiException(415, "UnsupportedMediaType", "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml");
        }

        var patch = patchType switch
        {
            MediaTypes.MergePatch or MediaTypes.StrategicMergePatch or MediaTypes.JsonPatch => RequestBody.ParseDocument(body, MediaTypes.Json),
            MediaTypes.ApplyPatchYaml => RequestBody.ParseDocument(body, MediaTypes.ApplyPatchYaml),
            _ => throw ApiException.UnsupportedMediaType(patchType),
        };
        if (patchType is MediaTypes.MergePatch or MediaTypes.ApplyPatchYaml && patch is JsonObject patchObject
            && fieldValidation is not "Ignore" && definition.Strategy.UnknownFields(patchObject) is { Count: > 0 } unknown)
        {
            // Schema-described kinds check the fields a patch names; the rest are pruned from the result.
            var problems = unknown.Select(path => new FieldProblem(FieldProblemKind.Unknown, path)).ToList();
            if (fieldValidation == "Strict")
            {
                throw ApiException.BadRequest($"{definition.Kind} in version \"{definition.Version}\" cannot be handled as a {definition.Kind}: {FieldValidation.StrictDecodingError(problems)}");
            }

            warnings.AddRange(problems.Select(p => p.Message));
        }

        return patch;
    }

    /// <summary>The object the patch produces from <paramref name="live"/> (null: absent, only for apply).</summary>
    public JsonObject Apply(JsonObject? live, JsonNode patch, string patchType, ResourceDefinition definition, string manager, bool force, string name, string? ns, string? subresource)
    {
        try
        {
            switch (patchType)
            {
                case MediaTypes.MergePatch:
                    return JsonMergePatch.Apply(live, patch) as JsonObject ?? throw ApiException.BadRequest("json: cannot unmarshal into Go value of type map[string]interface {}");
                case MediaTypes.JsonPatch:
                    return JsonPatch.Apply(live, patch) as JsonObject ?? throw new ApiException(422, "Invalid", "the patch produced an empty document");
                case MediaTypes.StrategicMergePatch:
                    if (patch is not JsonObject smp)
                    {
                        throw ApiException.BadRequest("json: cannot unmarshal array into Go value of type map[string]interface {}");
                    }

                    return StrategicMergePatch.Apply(live ?? [], smp, definition.ClrType);
                case MediaTypes.ApplyPatchYaml:
                    if (patch is not JsonObject applied)
                    {
                        throw ApiException.BadRequest("apply configuration must be an object");
                    }

                    CheckAppliedIdentity(applied, definition, name, ns);
                    var result = ServerSideApply.Apply(live, applied, manager, force, definition.ClrType, DateTimeOffset.UtcNow, subresource, subresource is null && definition.HasStatus ? ["status"] : null);
                    if (result.HasConflicts)
                    {
                        var causes = result.Conflicts.Select(c => new StatusCause { Reason = "FieldManagerConflict", Message = c.Message, Field = c.Field }).ToList();
                        throw new ApiException(409, "Conflict", result.ConflictMessage(), new StatusDetails { Causes = causes });
                    }

                    return result.Object!;
                default:
                    throw ApiException.UnsupportedMediaType(patchType);
            }
        }
        catch (PatchException e)
        {
            throw new ApiException(e.StatusCode, e.StatusCode switch { 422 => "Invalid", 413 => "RequestEntityTooLarge", _ => "BadRequest" }, e.Message);
        }
    }

    private static void CheckAppliedIdentity(JsonObject applied, ResourceDefinition definition, string name, string? ns)
    {
        var apiVersion = (string?)applied["apiVersion"];
        var kind = (string?)applied["kind"];
        if (string.IsNullOrEmpty(apiVersion) || string.IsNullOrEmpty(kind))
        {
            throw ApiException.BadRequest("Object 'Kind' is missing in '" + applied.ToJsonString() + "'");
        }

        if (kind != definition.Kind || apiVersion != definition.ApiVersion)
        {
            throw ApiException.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({definition.ApiVersion})");
        }

        var meta = applied["metadata"] as JsonObject;
        var appliedName = (string?)meta?["name"];
        if (!string.IsNullOrEmpty(appliedName) && appliedName != name)
        {
            throw ApiException.BadRequest($"the name of the object ({appliedName}) does not match the name on the URL ({name})");
        }

        var appliedNs = (string?)meta?["namespace"];
        if (definition.Namespaced && !string.IsNullOrEmpty(appliedNs) && appliedNs != ns)
        {
            throw ApiException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
    }

    /// <summary>Applies a merge or strategic merge patch to a Scale (where both mean a plain merge).</summary>
    public JsonObject ApplyToScale(JsonObject scale, byte[] body, string patchType)
    {
        var patch = RequestBody.ParseDocument(body, MediaTypes.Json);
        try
        {
            return patchType switch
            {
                MediaTypes.MergePatch or MediaTypes.StrategicMergePatch => JsonMergePatch.Apply(scale, patch) as JsonObject ?? scale,
                MediaTypes.JsonPatch => JsonPatch.Apply(scale, patch) as JsonObject ?? scale,
                _ => throw ApiException.UnsupportedMediaType(patchType),
            };
        }
        catch (PatchException e)
        {
            throw new ApiException(e.StatusCode, e.StatusCode == 422 ? "Invalid" : "BadRequest", e.Message);
        }
    }
}
