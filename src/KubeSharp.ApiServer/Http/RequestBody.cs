using System.Text;
using System.Text.Json;
using KubeSharp.Api;
using System.Text.Json.Nodes;
using KubeSharp.ApiServer.Registry;
using Microsoft.AspNetCore.Http;

namespace KubeSharp.ApiServer.Http;

/// <summary>
/// Reads and decodes request bodies: size limit, JSON / YAML / protobuf into a JSON object, the
/// kind check against the addressed resource, and field validation (Strict / Warn / Ignore).
/// </summary>
public sealed class RequestBody
{
    /// <summary>Kubernetes' limit on request bodies (3 MiB).</summary>
    public const long MaxBytes = 3 * 1024 * 1024;

    public static async Task<byte[]> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes)
        {
            throw ApiException.RequestEntityTooLarge(MaxBytes);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                throw ApiException.RequestEntityTooLarge(MaxBytes);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>Parses a JSON or YAML body into a node (no kind checks): patches, DeleteOptions.</summary>
    public static JsonNode ParseDocument(byte[] body, string mediaType)
    {
        if (!System.Text.Unicode.Utf8.IsValid(body))
        {
            throw ApiException.BadRequest("the request body is not valid UTF-8");
        }

        try
        {
            if (mediaType is MediaTypes.Yaml or MediaTypes.ApplyPatchYaml && !LooksLikeJson(body))
            {
                var documents = KubeYaml.ParseDocuments(Encoding.UTF8.GetString(body));
                if (documents.Count != 1 || documents[0].Root is null)
                {
                    throw ApiException.BadRequest("the request body must hold exactly one YAML document");
                }

                return documents[0].Root!;
            }

            return JsonNode.Parse(body, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = true })
                ?? throw ApiException.BadRequest("the request body is empty");
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequest($"error decoding request body: {e.Message}");
        }
        catch (KubeYamlException e)
        {
            throw ApiException.BadRequest($"error converting YAML to JSON: {e.Message}");
        }
    }

    private static bool LooksLikeJson(byte[] body)
    {
        foreach (var b in body)
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                continue;
            }

            return b == (byte)'{';
        }

        return false;
    }

    /// <summary>
    /// Decodes the body of a create or update for <paramref name="definition"/>; unknown or
    /// duplicate fields are rejected (Strict), added to <paramref name="warnings"/> (Warn) or dropped.
    /// </summary>
    public static JsonObject DecodeObject(byte[] body, string? contentType, ResourceDefinition definition, string? fieldValidation, List<string> warnings)
    {
        var mediaType = MediaTypes.Essence(contentType);
        if (body.Length == 0)
        {
            throw ApiException.BadRequest("the request body is empty");
        }

        JsonObject obj;
        switch (mediaType)
        {
            case MediaTypes.Json or "" or "text/plain" or "*/*":
            case MediaTypes.Yaml or "application/x-yaml" or "text/yaml":
                var node = ParseDocument(body, mediaType is MediaTypes.Json or "" or "*/*" or "text/plain" ? MediaTypes.Json : MediaTypes.Yaml);
                obj = node as JsonObject ?? throw ApiException.BadRequest($"the body of the request must be an object, got {node.GetValueKind()}");
                break;
            case MediaTypes.Protobuf:
                try
                {
                    obj = KubeProtobuf.Default.Decode(body, definition.ClrType);
                }
                catch (KubeProtobufException e)
                {
                    throw ApiException.BadRequest($"error decoding protobuf body: {e.Message}");
                }

                break;
            default:
                throw ApiException.UnsupportedMediaType(contentType ?? "");
        }

        CheckKind(obj, definition);
        if (mediaType != MediaTypes.Protobuf)
        {
            var mode = fieldValidation ?? "Warn";
            if (mode is not ("Strict" or "Warn" or "Ignore"))
            {
                throw ApiException.BadRequest($"fieldValidation parameter unsupported: {fieldValidation}, must be one of Strict, Warn, Ignore");
            }

            if (mode != "Ignore")
            {
                var problems = FindFieldProblems(body, mediaType, obj, definition.ClrType);
                if (problems.Count > 0)
                {
                    if (mode == "Strict")
                    {
                        var kind = definition.Group.Length == 0 ? definition.Kind : $"{definition.Kind}.{definition.Group}";
                        throw ApiException.BadRequest($"{kind} in version \"{definition.Version}\" cannot be handled as a {definition.Kind}: {FieldValidation.StrictDecodingError(problems)}");
                    }

                    warnings.AddRange(problems.Select(p => p.Message));
                }
            }
        }

        return obj;
    }

    private static List<FieldProblem> FindFieldProblems(byte[] body, string mediaType, JsonObject obj, Type type)
    {
        if (mediaType is MediaTypes.Yaml or "application/x-yaml" or "text/yaml" && !LooksLikeJson(body))
        {
            var problems = KubeYaml.ParseDocuments(Encoding.UTF8.GetString(body))[0].DuplicateKeys
                .Select(d => new FieldProblem(FieldProblemKind.Duplicate, d.Path)).ToList();
            problems.AddRange(FieldValidation.Validate(obj, type));
            return problems;
        }

        return [.. FieldValidation.Validate(body, type)];
    }

    private static void CheckKind(JsonObject obj, ResourceDefinition definition)
    {
        var kind = obj["kind"] is JsonValue k && k.TryGetValue<string>(out var ks) ? ks : null;
        var apiVersion = obj["apiVersion"] is JsonValue a && a.TryGetValue<string>(out var avs) ? avs : null;
        if (kind is not null && kind.Length > 0 && kind != definition.Kind)
        {
            throw ApiException.BadRequest($"{kind} in version \"{VersionOf(apiVersion) ?? definition.Version}\" cannot be handled as a {definition.Kind}: no kind \"{kind}\" is registered for version \"{apiVersion ?? definition.ApiVersion}\"");
        }

        if (apiVersion is not null && apiVersion.Length > 0 && apiVersion != definition.ApiVersion)
        {
            var group = apiVersion.Contains('/', StringComparison.Ordinal) ? apiVersion[..apiVersion.IndexOf('/', StringComparison.Ordinal)] : "";
            if (group != definition.Group)
            {
                throw ApiException.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({definition.ApiVersion})");
            }
        }
    }

    private static string? VersionOf(string? apiVersion) =>
        apiVersion is null ? null : apiVersion.Contains('/', StringComparison.Ordinal) ? apiVersion[(apiVersion.IndexOf('/', StringComparison.Ordinal) + 1)..] : apiVersion;
}
