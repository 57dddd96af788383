using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KubeSharp.Api.ApiExtensions.V1;
using KubeSharp.ApiServer.Http;

namespace KubeSharp.ApiServer.CustomResources;

/// <summary>
/// What a custom resource's openAPIV3Schema does to its objects, as apiextensions-apiserver does it:
/// pruning of fields the schema does not declare, defaulting, and validation (type, required, enum,
/// bounds, lengths, pattern, item counts, int32/int64 formats). Works on the top-level object
/// without apiVersion, kind and metadata, which the registry handles as for every kind.
/// CEL rules (x-kubernetes-validations) are not evaluated.
/// </summary>
internal static class StructuralSchema
{
    private static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(200);

    private static bool IsTypedRootField(string key) => key is "apiVersion" or "kind" or "metadata";

    /// <summary>Removes the fields the schema does not declare; returns their paths ("spec.foo").</summary>
    public static List<string> Prune(JsonObject root, JSONSchemaProps schema)
    {
        var pruned = new List<string>();
        PruneNode(root, schema, "", pruned, isRoot: true);
        return pruned;
    }

    private static void PruneNode(JsonNode? node, JSONSchemaProps? schema, string path, List<string> pruned, bool isRoot)
    {
        if (schema is null)
        {
            return;
        }

        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(kv => kv.Key).ToList())
                {
                    if ((isRoot || schema.XEmbeddedResource == true) && IsTypedRootField(key))
                    {
                        continue;
                    }

                    var childPath = Join(path, key);
                    if (schema.Properties is { } properties && properties.TryGetValue(key, out var child))
                    {
                        PruneNode(obj[key], child, childPath, pruned, isRoot: false);
                    }
                    else if (schema.AdditionalProperties?.Schema is { } additional)
                    {
                        PruneNode(obj[key], additional, childPath, pruned, isRoot: false);
                    }
                    else if (schema.AdditionalProperties?.Allows != true && schema.XPreserveUnknownFields != true)
                    {
                        obj.Remove(key);
                        pruned.Add(childPath);
                    }
                }

                break;
            case JsonArray array when schema.Items?.Schema is { } items:
                for (var i = 0; i < array.Count; i++)
                {
                    PruneNode(array[i], items, $"{path}[{i}]", pruned, isRoot: false);
                }

                break;
        }
    }

    /// <summary>Sets the schema's defaults of absent fields (and of null fields that may not be null), recursively.</summary>
    public static void ApplyDefaults(JsonObject root, JSONSchemaProps schema) => DefaultNode(root, schema, isRoot: true);

    private static void DefaultNode(JsonNode? node, JSONSchemaProps? schema, bool isRoot)
    {
        if (schema is null)
        {
            return;
        }

        switch (node)
        {
            case JsonObject obj:
                if (schema.Properties is { } properties)
                {
                    foreach (var (key, child) in properties)
                    {
                        if (isRoot && IsTypedRootField(key))
                        {
                            continue;
                        }

                        var present = obj.TryGetPropertyValue(key, out var value);
                        if (child.Default is { } defaultValue && (!present || (value is null && child.Nullable != true)))
                        {
                            obj[key] = JsonNode.Parse(defaultValue.GetRawText());
                        }

                        if (obj[key] is { } set)
                        {
                            DefaultNode(set, child, isRoot: false);
                        }
                    }
                }

                if (schema.AdditionalProperties?.Schema is { } additional)
                {
                    foreach (var (_, value) in obj.ToList())
                    {
                        DefaultNode(value, additional, isRoot: false);
                    }
                }

                break;
            case JsonArray array when schema.Items?.Schema is { } items:
                foreach (var item in array)
                {
                    DefaultNode(item, items, isRoot: false);
                }

                break;
        }
    }

    /// <summary>The schema violations of an object, worded as Kubernetes words them.</summary>
    public static List<FieldError> Validate(JsonObject root, JSONSchemaProps schema)
    {
        var errors = new List<FieldError>();
        ValidateNode(root, schema, "", errors, isRoot: true);
        return errors;
    }

    private static void ValidateNode(JsonNode? node, JSONSchemaProps schema, string path, List<FieldError> errors, bool isRoot)
    {
        if (node is null)
        {
            if (schema.Nullable != true && !string.IsNullOrEmpty(schema.Type))
            {
                errors.Add(FieldError.Invalid(path, "null", $"{path} in body must be of type {schema.Type}: \"null\""));
            }

            return;
        }

        var actual = TypeName(node);
        if (schema.XIntOrString == true)
        {
            if (actual is not ("integer" or "string"))
            {
                errors.Add(FieldError.Invalid(path, actual, $"{path} in body must be of type integer or string: \"{actual}\""));
            }

            return;
        }

        var expected = schema.Type;
        var typeMatches = expected switch
        {
            null or "" => true,
            "number" => actual is "number" or "integer",
            _ => actual == expected,
        };
        if (!typeMatches)
        {
            errors.Add(FieldError.Invalid(path, actual, $"{path} in body must be of type {expected}: \"{actual}\""));
            return;
        }

        if (schema.Enum is { Count: > 0 } allowed && !allowed.Any(e => JsonNode.DeepEquals(JsonNode.Parse(e.GetRawText()), node)))
        {
            errors.Add(FieldError.NotSupported(path, Scalar(node), allowed.Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText())));
        }

        switch (node)
        {
            case JsonObject obj:
                ValidateObject(obj, schema, path, errors, isRoot);
                break;
            case JsonArray array:
                if (schema.MaxItems is { } maxItems && array.Count > maxItems)
                {
                    errors.Add(new FieldError(path, "FieldValueTooMany", $"Too many: {array.Count}: must have at most {maxItems} items"));
                }

                if (schema.MinItems is { } minItems && array.Count < minItems)
                {
                    errors.Add(FieldError.Invalid(path, array.Count, $"{path} in body should have at least {minItems} items"));
                }

                if (schema.Items?.Schema is { } items)
                {
                    for (var i = 0; i < array.Count; i++)
                    {
                        ValidateNode(array[i], items, $"{path}[{i}]", errors, isRoot: false);
                    }
                }

                break;
            case JsonValue value when actual == "string":
                ValidateString(value.GetValue<string>(), schema, path, errors);
                break;
            case JsonValue value when actual is "integer" or "number":
                ValidateNumber(value, actual, schema, path, errors);
                break;
        }
    }

    private static void ValidateObject(JsonObject obj, JSONSchemaProps schema, string path, List<FieldError> errors, bool isRoot)
    {
        foreach (var required in schema.Required ?? [])
        {
            if ((!isRoot || !IsTypedRootField(required)) && !obj.ContainsKey(required))
            {
                errors.Add(FieldError.Required(Join(path, required)));
            }
        }

        foreach (var (key, value) in obj)
        {
            if (isRoot && IsTypedRootField(key))
            {
                continue;
            }

            if (schema.Properties is { } properties && properties.TryGetValue(key, out var child))
            {
                ValidateNode(value, child, Join(path, key), errors, isRoot: false);
            }
            else if (schema.AdditionalProperties?.Schema is { } additional)
            {
                ValidateNode(value, additional, Join(path, key), errors, isRoot: false);
            }
        }
    }

    private static void ValidateString(string text, JSONSchemaProps schema, string path, List<FieldError> errors)
    {
        var length = text.EnumerateRunes().Count();
        if (schema.MaxLength is { } max && length > max)
        {
            errors.Add(FieldError.TooLong(path, (int)max));
        }

        if (schema.MinLength is { } min && length < min)
        {
            errors.Add(FieldError.Invalid(path, text, $"{path} in body should be at least {min} chars long"));
        }

        if (!string.IsNullOrEmpty(schema.Pattern))
        {
            bool matches;
            try
            {
                matches = Regex.IsMatch(text, schema.Pattern, RegexOptions.None, PatternTimeout);
            }
            catch (Exception e) when (e is ArgumentException or RegexMatchTimeoutException)
            {
                matches = false;
            }

            if (!matches)
            {
                errors.Add(FieldError.Invalid(path, text, $"{path} in body should match '{schema.Pattern}'"));
            }
        }
    }

    private static void ValidateNumber(JsonValue value, string actual, JSONSchemaProps schema, string path, List<FieldError> errors)
    {
        var number = value.GetValue<double>();
        object shown = actual == "integer" && value.TryGetValue<long>(out var whole) ? whole : number;
        if (schema.Minimum is { } min && (schema.ExclusiveMinimum == true ? number <= min : number < min))
        {
            var relation = schema.ExclusiveMinimum == true ? "greater than" : "greater than or equal to";
            errors.Add(FieldError.Invalid(path, shown, $"{path} in body should be {relation} {Format(min)}"));
        }

        if (schema.Maximum is { } max && (schema.ExclusiveMaximum == true ? number >= max : number > max))
        {
            var relation = schema.ExclusiveMaximum == true ? "less than" : "less than or equal to";
            errors.Add(FieldError.Invalid(path, shown, $"{path} in body should be {relation} {Format(max)}"));
        }

        if (schema.MultipleOf is { } factor && factor > 0 && Math.Abs(Math.IEEERemainder(number, factor)) > 1e-9)
        {
            errors.Add(FieldError.Invalid(path, shown, $"{path} in body should be a multiple of {Format(factor)}"));
        }

        var outOfRange = schema.Format switch
        {
            "int32" => actual != "integer" || number < int.MinValue || number > int.MaxValue,
            "int64" => actual != "integer" || number < long.MinValue || number > long.MaxValue,
            _ => false,
        };
        if (outOfRange)
        {
            errors.Add(FieldError.Invalid(path, shown, $"{path} in body must be of type {schema.Format}: \"{Format(number)}\""));
        }
    }

    private static string Format(double d) => d.ToString(CultureInfo.InvariantCulture);

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    /// <summary>The OpenAPI type name of a JSON value (integral numbers are integers).</summary>
    internal static string TypeName(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Number => node.AsValue().TryGetValue<long>(out _) || (node.AsValue().TryGetValue<double>(out var d) && Math.Floor(d) == d && !double.IsInfinity(d)) ? "integer" : "number",
        _ => "null",
    };

    private static object? Scalar(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.String => node.GetValue<string>(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => node.ToJsonString(),
    };
}
