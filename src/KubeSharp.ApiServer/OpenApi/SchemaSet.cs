using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using KubeSharp.Api;

namespace KubeSharp.ApiServer.OpenApi;

/// <summary>Which OpenAPI flavour a document is written in.</summary>
internal enum OpenApiDialect
{
    /// <summary>Swagger 2.0 (/openapi/v2): <c>#/definitions/</c>, description beside <c>$ref</c>.</summary>
    Swagger2,

    /// <summary>OpenAPI 3.0 (/openapi/v3): <c>#/components/schemas/</c>, described refs wrapped in <c>allOf</c>.</summary>
    OpenApi3,
}

/// <summary>
/// The definitions one document needs, built by reflection over the API types following the
/// KubeSharp.Api conventions. Adding a type adds everything it references.
/// </summary>
internal sealed class SchemaSet
{
    private readonly OpenApiDialect _dialect;
    private readonly XmlDocumentation _docs;
    private readonly Dictionary<string, JsonObject> _definitions = new(StringComparer.Ordinal);

    public SchemaSet(OpenApiDialect dialect, XmlDocumentation docs)
    {
        _dialect = dialect;
        _docs = docs;
    }

    private string RefPrefix => _dialect == OpenApiDialect.Swagger2 ? "#/definitions/" : "#/components/schemas/";

    /// <summary>The definitions, sorted by name.</summary>
    public JsonObject ToJson()
    {
        var result = new JsonObject();
        foreach (var name in _definitions.Keys.Order(StringComparer.Ordinal))
        {
            result[name] = _definitions[name];
        }

        return result;
    }

    public IEnumerable<string> Names => _definitions.Keys;

    public JsonObject Reference(string definitionName) => new() { ["$ref"] = RefPrefix + definitionName };

    /// <summary>Adds the definition of <paramref name="type"/> (and its closure); returns its name.</summary>
    public string Add(Type type)
    {
        var name = SchemaNames.For(type);
        if (_definitions.ContainsKey(name))
        {
            return name;
        }

        // Registered before its properties are built so self-referencing types (JSONSchemaProps) terminate.
        var definition = new JsonObject();
        _definitions[name] = definition;
        Fill(definition, type, name);
        return name;
    }

    /// <summary>Adds the list kind of a top-level kind ("PodList").</summary>
    public string AddList(Type itemType, KubernetesEntityAttribute entity)
    {
        var name = SchemaNames.ListOf(itemType);
        if (_definitions.ContainsKey(name))
        {
            return name;
        }

        var item = Add(itemType);
        var listMeta = Add(typeof(ListMeta));
        _definitions[name] = new JsonObject
        {
            ["description"] = $"{entity.Kind}List is a list of {entity.Kind} objects.",
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["apiVersion"] = Described(new JsonObject { ["type"] = "string" }, ApiVersionDescription),
                ["items"] = Described(new JsonObject { ["type"] = "array", ["items"] = Reference(item) }, $"The {entity.Kind} objects of the list."),
                ["kind"] = Described(new JsonObject { ["type"] = "string" }, KindDescription),
                ["metadata"] = DescribedReference(listMeta, "Standard list metadata."),
            },
            ["required"] = new JsonArray("items"),
            ["x-kubernetes-group-version-kind"] = GroupVersionKind(entity.Group, entity.Version, entity.Kind + "List"),
        };
        return name;
    }

    /// <summary>
    /// Adds the kind and list definitions of a custom resource version from its openAPIV3Schema,
    /// named as Kubernetes names them (group reversed: "com.example.stable.v1.CronTab"); returns both names.
    /// </summary>
    public (string Kind, string List) AddCustom(Registry.ResourceDefinition resource)
    {
        var name = string.Join('.', resource.Group.Split('.').Reverse()) + "." + resource.Version + "." + resource.Kind;
        var listName = name + "List";
        if (_definitions.ContainsKey(name))
        {
            return (name, listName);
        }

        var schema = resource.Custom?.Schema is { } props
            ? JsonSerializer.SerializeToNode(props, KubeJson.Options)!.AsObject()
            : new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true };
        if (_dialect == OpenApiDialect.Swagger2)
        {
            WithoutOpenApi3Keywords(schema);
        }

        var properties = schema["properties"] as JsonObject ?? [];
        schema.Remove("properties");
        properties["apiVersion"] = Described(new JsonObject { ["type"] = "string" }, ApiVersionDescription);
        properties["kind"] = Described(new JsonObject { ["type"] = "string" }, KindDescription);
        properties["metadata"] = DescribedReference(Add(typeof(ObjectMeta)), MetadataDescription);
        var sorted = new JsonObject();
        foreach (var (key, value) in properties.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList())
        {
            properties.Remove(key);
            sorted[key] = value;
        }

        schema["properties"] = sorted;
        schema["x-kubernetes-group-version-kind"] = GroupVersionKind(resource.Group, resource.Version, resource.Kind);
        _definitions[name] = schema;
        _definitions[listName] = new JsonObject
        {
            ["description"] = $"{resource.Kind}List is a list of {resource.Kind}",
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["apiVersion"] = Described(new JsonObject { ["type"] = "string" }, ApiVersionDescription),
                ["items"] = Described(new JsonObject { ["type"] = "array", ["items"] = Reference(name) }, $"List of {resource.Plural}. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md"),
                ["kind"] = Described(new JsonObject { ["type"] = "string" }, KindDescription),
                ["metadata"] = DescribedReference(Add(typeof(ListMeta)), "Standard list metadata."),
            },
            ["required"] = new JsonArray("items"),
            ["x-kubernetes-group-version-kind"] = GroupVersionKind(resource.Group, resource.Version, resource.Kind + "List"),
        };
        return (name, listName);
    }

    /// <summary>Drops what Swagger 2.0 cannot say (nullable, oneOf/anyOf/not), as Kubernetes does for /openapi/v2.</summary>
    private static void WithoutOpenApi3Keywords(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in new[] { "nullable", "oneOf", "anyOf", "not" })
                {
                    obj.Remove(key);
                }

                foreach (var (_, value) in obj.ToList())
                {
                    WithoutOpenApi3Keywords(value);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    WithoutOpenApi3Keywords(item);
                }

                break;
        }
    }

    /// <summary>Adds meta.k8s.io/v1 Patch: the free-form body of a PATCH request.</summary>
    public string AddPatch()
    {
        _definitions.TryAdd(SchemaNames.Patch, new JsonObject
        {
            ["description"] = "Patch is the body of a PATCH request: a JSON patch, JSON merge patch, strategic merge patch or apply configuration.",
            ["type"] = "object",
        });
        return SchemaNames.Patch;
    }

    private const string ApiVersionDescription =
        "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values.";

    private const string KindDescription =
        "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase.";

    private const string MetadataDescription = "Standard object's metadata.";

    private static JsonArray GroupVersionKind(string group, string version, string kind) =>
        [new JsonObject { ["group"] = group, ["kind"] = kind, ["version"] = version }];

    private void Fill(JsonObject definition, Type type, string name)
    {
        var description = _docs.Of(type) ?? DefaultDescription(type);
        definition["description"] = description;
        if (type == typeof(Quantity))
        {
            if (_dialect == OpenApiDialect.OpenApi3)
            {
                definition["oneOf"] = new JsonArray(new JsonObject { ["type"] = "string" }, new JsonObject { ["type"] = "number" });
            }
            else
            {
                definition["type"] = "string";
            }

            return;
        }

        if (type == typeof(IntOrString))
        {
            definition["format"] = "int-or-string";
            if (_dialect == OpenApiDialect.OpenApi3)
            {
                definition["oneOf"] = new JsonArray(new JsonObject { ["type"] = "integer" }, new JsonObject { ["type"] = "string" });
                definition["x-kubernetes-int-or-string"] = true;
            }
            else
            {
                definition["type"] = "string";
            }

            return;
        }

        // A class with its own converter is a JSON union (JSONSchemaPropsOrBool …): any value.
        if (type.GetCustomAttribute<JsonConverterAttribute>() is not null)
        {
            return;
        }

        definition["type"] = "object";
        var properties = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var (jsonName, property) in JsonProperties(type))
        {
            properties[jsonName] = PropertySchema(property, jsonName);
        }

        var propertiesJson = new JsonObject();
        foreach (var (jsonName, schema) in properties)
        {
            propertiesJson[jsonName] = schema;
        }

        definition["properties"] = propertiesJson;
        var required = RequiredFields.Of(name).Where(properties.ContainsKey).ToList();
        if (required.Count > 0)
        {
            definition["required"] = new JsonArray([.. required.Select(r => (JsonNode)JsonValue.Create(r))]);
        }

        if (type.GetCustomAttribute<KubernetesEntityAttribute>() is { } entity)
        {
            definition["x-kubernetes-group-version-kind"] = GroupVersionKind(entity.Group, entity.Version, entity.Kind);
        }
    }

    private static string DefaultDescription(Type type) => type == typeof(ListMeta)
        ? "ListMeta describes metadata that synthetic resources must have, including lists."
        : $"{type.Name} of {SchemaNames.Package(type)}.";

    /// <summary>The JSON properties of a class, inherited ones included (a derived declaration wins).</summary>
    private static IEnumerable<(string JsonName, PropertyInfo Property)> JsonProperties(Type type)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            foreach (var p in t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                if (p.GetIndexParameters().Length > 0 || p.GetMethod is null || p.SetMethod is null)
                {
                    continue;
                }

                if (p.GetCustomAttribute<JsonIgnoreAttribute>() is { Condition: JsonIgnoreCondition.Always })
                {
                    continue;
                }

                var jsonName = p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(p.Name);
                if (seen.Add(jsonName))
                {
                    yield return (jsonName, p);
                }
            }
        }
    }

    private JsonObject PropertySchema(PropertyInfo property, string jsonName)
    {
        var (schema, isReference) = ValueSchema(property.PropertyType, property.DeclaringType!);
        var description = _docs.Of(property) ?? WellKnownDescription(property, jsonName) ?? ReferencedDescription(property.PropertyType);
        if (isReference)
        {
            schema = DescribedReference(schema, description);
        }
        else if (description is not null)
        {
            schema = Described(schema, description);
        }

        var merge = property.GetCustomAttribute<PatchMergeAttribute>();
        var retainKeys = property.GetCustomAttribute<PatchRetainKeysAttribute>() is not null;
        if (merge is not null)
        {
            if (merge.Key is not null)
            {
                schema["x-kubernetes-list-map-keys"] = new JsonArray(merge.Key);
                schema["x-kubernetes-list-type"] = "map";
                schema["x-kubernetes-patch-merge-key"] = merge.Key;
            }
            else
            {
                schema["x-kubernetes-list-type"] = "set";
            }

            schema["x-kubernetes-patch-strategy"] = retainKeys ? "merge,retainKeys" : "merge";
        }
        else if (retainKeys)
        {
            schema["x-kubernetes-patch-strategy"] = "retainKeys";
        }

        return schema;
    }

    private static string? WellKnownDescription(PropertyInfo property, string jsonName)
    {
        if (!typeof(KubernetesObject).IsAssignableFrom(property.DeclaringType) && property.DeclaringType != typeof(DeleteOptions))
        {
            return null;
        }

        return jsonName switch
        {
            "apiVersion" => ApiVersionDescription,
            "kind" => KindDescription,
            "metadata" => MetadataDescription,
            _ => null,
        };
    }

    /// <summary>A field without its own summary borrows its type's, so explain has something to print.</summary>
    private string? ReferencedDescription(Type type)
    {
        var element = Nullable.GetUnderlyingType(type) ?? type;
        return element.IsClass && element != typeof(string) && element.Namespace?.StartsWith("KubeSharp.Api", StringComparison.Ordinal) == true
            ? _docs.Of(element)
            : null;
    }

    private JsonObject DescribedReference(JsonObject reference, string? description)
    {
        if (_dialect == OpenApiDialect.Swagger2)
        {
            return description is null ? reference : Described(reference, description);
        }

        var wrapped = new JsonObject { ["allOf"] = new JsonArray(reference) };
        return description is null ? wrapped : Described(wrapped, description);
    }

    private JsonObject DescribedReference(string definitionName, string description) => DescribedReference(Reference(definitionName), description);

    private static JsonObject Described(JsonObject schema, string description)
    {
        schema["description"] = description;
        return schema;
    }

    /// <summary>The schema of a value of <paramref name="type"/>; IsReference when it is a bare <c>$ref</c>.</summary>
    private (JsonObject Schema, bool IsReference) ValueSchema(Type type, Type declaringType)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(string))
        {
            return (new JsonObject { ["type"] = "string" }, false);
        }

        if (t == typeof(byte[]))
        {
            return (new JsonObject { ["type"] = "string", ["format"] = "byte" }, false);
        }

        if (t == typeof(bool))
        {
            return (new JsonObject { ["type"] = "boolean" }, false);
        }

        if (t == typeof(int) || t == typeof(short) || t == typeof(sbyte) || t == typeof(ushort) || t == typeof(byte))
        {
            return (new JsonObject { ["type"] = "integer", ["format"] = "int32" }, false);
        }

        if (t == typeof(long) || t == typeof(uint) || t == typeof(ulong))
        {
            return (new JsonObject { ["type"] = "integer", ["format"] = "int64" }, false);
        }

        if (t == typeof(double) || t == typeof(decimal) || t == typeof(float))
        {
            return (new JsonObject { ["type"] = "number", ["format"] = t == typeof(float) ? "float" : "double" }, false);
        }

        if (t == typeof(DateTimeOffset) || t == typeof(DateTime))
        {
            return (new JsonObject { ["type"] = "string", ["format"] = "date-time" }, false);
        }

        if (t == typeof(JsonElement) || typeof(JsonNode).IsAssignableFrom(t) || t == typeof(object))
        {
            // apiextensions JSON (default, example, enum) is any JSON value; RawExtension and FieldsV1 are objects.
            var anyValue = SchemaNames.Package(declaringType).StartsWith("io.k8s.apiextensions", StringComparison.Ordinal);
            return (anyValue ? new JsonObject { ["x-kubernetes-preserve-unknown-fields"] = true } : new JsonObject { ["type"] = "object" }, false);
        }

        if (t == typeof(Quantity) || t == typeof(IntOrString))
        {
            return (Reference(Add(t)), true);
        }

        var dictionary = GenericInterface(t, typeof(IDictionary<,>)) ?? GenericInterface(t, typeof(IReadOnlyDictionary<,>));
        if (dictionary is not null)
        {
            var valueType = dictionary.GetGenericArguments()[1];
            return (new JsonObject { ["type"] = "object", ["additionalProperties"] = ValueSchema(valueType, declaringType).Schema }, false);
        }

        var enumerable = t.IsArray ? t.GetElementType() : GenericInterface(t, typeof(IEnumerable<>))?.GetGenericArguments()[0];
        if (enumerable is not null)
        {
            return (new JsonObject { ["type"] = "array", ["items"] = ValueSchema(enumerable, declaringType).Schema }, false);
        }

        if (t.IsEnum)
        {
            return (new JsonObject { ["type"] = "string", ["enum"] = new JsonArray([.. Enum.GetNames(t).Select(n => (JsonNode)JsonValue.Create(n))]) }, false);
        }

        if (t.IsClass && !t.IsAbstract)
        {
            return (Reference(Add(t)), true);
        }

        return (new JsonObject(), false);
    }

    private static Type? GenericInterface(Type t, Type definition) =>
        t.IsGenericType && t.GetGenericTypeDefinition() == definition
            ? t
            : t.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == definition);
}
