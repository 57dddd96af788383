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
                var problems = definition.Strategy.UnknownFields(obj) is { } unknown
                    ? [.. unknown.Select(path => new FieldProblem(FieldProblemKind.Unknown, path))]
                    : FindFieldProblems(body, mediaType, obj, definition.ClrType);
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

    /// <summary>
    /// Decodes a JSON create or update body straight to the resource's typed object, without an
    /// intermediate JSON tree: the kind and apiVersion are read by one scan of the top level and
    /// field validation runs on the bytes, as <see cref="DecodeObject"/> does for JSON. Null when
    /// the body is not plain JSON of an object with string kind/apiVersion, or does not decode:
    /// the caller then takes <see cref="DecodeObject"/>, which gives the exact errors.
    /// </summary>
    public static KubernetesObject? TryDecodeTyped(byte[] body, string? contentType, ResourceDefinition definition, string? fieldValidation, List<string> warnings)
    {
        var mediaType = MediaTypes.Essence(contentType);
        if (mediaType is not (MediaTypes.Json or "" or "text/plain" or "*/*") || body.Length == 0 || !System.Text.Unicode.Utf8.IsValid(body)
            || definition.Custom is not null
            || fieldValidation is not (null or "Strict" or "Warn" or "Ignore")
            || !TryReadTypeFields(body, out var kind, out var apiVersion))
        {
            return null;
        }

        KubernetesObject? obj;
        try
        {
            obj = JsonSerializer.Deserialize(body, definition.ClrType, KubeJson.Options) as KubernetesObject;
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or NotSupportedException or OverflowException)
        {
            return null;
        }

        if (obj is null)
        {
            return null;
        }

        CheckKind(kind, apiVersion, definition);
        var mode = fieldValidation ?? "Warn";
        if (mode != "Ignore")
        {
            var problems = FieldValidation.Validate(body, definition.ClrType).ToList();
            if (problems.Count > 0)
            {
                if (mode == "Strict")
                {
                    var qualified = definition.Group.Length == 0 ? definition.Kind : $"{definition.Kind}.{definition.Group}";
                    throw ApiException.BadRequest($"{qualified} in version \"{definition.Version}\" cannot be handled as a {definition.Kind}: {FieldValidation.StrictDecodingError(problems)}");
                }

                warnings.AddRange(problems.Select(p => p.Message));
            }
        }

        return obj;
    }

    /// <summary>The top-level kind and apiVersion of a JSON object (the last of duplicates); false unless both are absent, null or strings.</summary>
    private static bool TryReadTypeFields(byte[] body, out string? kind, out string? apiVersion)
    {
        kind = null;
        apiVersion = null;
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isKind = reader.ValueTextEquals("kind"u8);
                var isApiVersion = !isKind && reader.ValueTextEquals("apiVersion"u8);
                reader.Read();
                if (isKind || isApiVersion)
                {
                    if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Null))
                    {
                        return false;
                    }

                    var value = reader.GetString();
                    if (isKind)
                    {
                        kind = value;
                    }
                    else
                    {
                        apiVersion = value;
                    }
                }
                else
                {
                    reader.Skip();
                }
            }

            return reader.TokenType == JsonTokenType.EndObject && !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
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

    private static void CheckKind(JsonObject obj, ResourceDefinition definition) =>
        CheckKind(obj["kind"] is JsonValue k && k.TryGetValue<string>(out var ks) ? ks : null, obj["apiVersion"] is JsonValue a && a.TryGetValue<string>(out var avs) ? avs : null, definition);

    private static void CheckKind(string? kind, string? apiVersion, ResourceDefinition definition)
    {
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
