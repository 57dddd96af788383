using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace KubeSharp.Api.Patch;

/// <summary>What kind of JSON value a schema position holds.</summary>
public enum ValueShape
{
    /// <summary>A string, number, bool, or a type with its own JSON converter (Quantity, IntOrString, times).</summary>
    Scalar,
    /// <summary>An object with declared fields (a C# class).</summary>
    Struct,
    /// <summary>An object with free-form keys whose values share one schema (Dictionary&lt;string, T&gt;).</summary>
    Map,
    /// <summary>An array.</summary>
    List,
    /// <summary>Untyped JSON (JsonElement, JsonNode, object): no structure is known.</summary>
    Opaque,
}

/// <summary>How patches and apply treat a list.</summary>
public enum ListStrategy
{
    /// <summary>Replaced whole (no patch strategy).</summary>
    Atomic,
    /// <summary>Objects merged by <see cref="ValueSchema.MergeKey"/> (<c>[PatchMerge("key")]</c>).</summary>
    MergeByKey,
    /// <summary>Primitives merged as a set (<c>[PatchMerge]</c>).</summary>
    Set,
}

/// <summary>
/// The patch-relevant shape of a JSON position, learned by reflection over the API types: JSON names
/// (camelCase unless <see cref="JsonPropertyNameAttribute"/>), inherited base-class properties (inline
/// structs), <see cref="PatchMergeAttribute"/> and <see cref="PatchRetainKeysAttribute"/> on lists.
/// Instances are immutable and cached; struct fields are resolved lazily so recursive types work.
/// </summary>
public sealed class ValueSchema
{
    private static readonly ConcurrentDictionary<Type, ValueSchema> Cache = new();

    private readonly Lazy<IReadOnlyDictionary<string, ValueSchema>>? _fields;

    private ValueSchema(ValueShape shape, Type clrType, ValueSchema? items = null, ListStrategy listStrategy = ListStrategy.Atomic, string? mergeKey = null, bool retainKeys = false)
    {
        Shape = shape;
        ClrType = clrType;
        Items = items;
        ListStrategy = listStrategy;
        MergeKey = mergeKey;
        RetainKeys = retainKeys;
        if (shape == ValueShape.Struct)
        {
            _fields = new Lazy<IReadOnlyDictionary<string, ValueSchema>>(() => BuildFields(clrType));
        }
    }

    public ValueShape Shape { get; }

    public Type ClrType { get; }

    /// <summary>The schema of list elements (List) or of values (Map).</summary>
    public ValueSchema? Items { get; }

    public ListStrategy ListStrategy { get; }

    /// <summary>The JSON name of the key field of a <see cref="ListStrategy.MergeByKey"/> list.</summary>
    public string? MergeKey { get; }

    /// <summary>The field carries the retainKeys strategy.</summary>
    public bool RetainKeys { get; }

    /// <summary>Declared fields of a Struct, by JSON name; empty for other shapes.</summary>
    public IReadOnlyDictionary<string, ValueSchema> Fields => _fields?.Value ?? EmptyFields;

    private static IReadOnlyDictionary<string, ValueSchema> EmptyFields { get; } = new Dictionary<string, ValueSchema>();

    /// <summary>The schema of a CLR type (lists from a bare type are atomic).</summary>
    public static ValueSchema For(Type type) => Cache.GetOrAdd(type, static t => Create(t, null));

    /// <summary>The schema of the value under <paramref name="name"/> in an object of this schema, or null if unknown.</summary>
    public ValueSchema? Child(string name) => Shape switch
    {
        ValueShape.Struct => Fields.GetValueOrDefault(name),
        ValueShape.Map => Items,
        _ => null,
    };

    public override string ToString() => Shape == ValueShape.List
        ? $"List<{Items}> ({ListStrategy}{(MergeKey is null ? "" : " by " + MergeKey)})"
        : $"{Shape} {ClrType.Name}";

    private static ValueSchema Create(Type type, PropertyInfo? property)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;

        if (type == typeof(JsonElement) || typeof(JsonNode).IsAssignableFrom(type) || type == typeof(object))
        {
            return new ValueSchema(ValueShape.Opaque, type);
        }

        if (IsScalar(type))
        {
            return new ValueSchema(ValueShape.Scalar, type);
        }

        if (DictionaryValueType(type) is { } valueType)
        {
            return new ValueSchema(ValueShape.Map, type, For(valueType));
        }

        if (ListElementType(type) is { } elementType)
        {
            var merge = property?.GetCustomAttribute<PatchMergeAttribute>();
            var strategy = merge is null ? ListStrategy.Atomic : merge.Key is null ? ListStrategy.Set : ListStrategy.MergeByKey;
            var retainKeys = property?.GetCustomAttribute<PatchRetainKeysAttribute>() is not null;
            return new ValueSchema(ValueShape.List, type, For(elementType), strategy, merge?.Key, retainKeys);
        }

        var structRetainKeys = property?.GetCustomAttribute<PatchRetainKeysAttribute>() is not null;
        return new ValueSchema(ValueShape.Struct, type, retainKeys: structRetainKeys);
    }

    private static bool IsScalar(Type type) =>
        type.IsPrimitive
        || type.IsEnum
        || type == typeof(string)
        || type == typeof(decimal)
        || type == typeof(DateTime)
        || type == typeof(DateTimeOffset)
        || type == typeof(TimeSpan)
        || type == typeof(Guid)
        || type == typeof(byte[])
        || type.GetCustomAttribute<JsonConverterAttribute>() is not null;

    private static Type? DictionaryValueType(Type type)
    {
        foreach (var candidate in type.GetInterfaces().Prepend(type))
        {
            if (candidate.IsGenericType
                && (candidate.GetGenericTypeDefinition() == typeof(IDictionary<,>) || candidate.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>))
                && candidate.GetGenericArguments()[0] == typeof(string))
            {
                return candidate.GetGenericArguments()[1];
            }
        }

        return null;
    }

    private static Type? ListElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        foreach (var candidate in type.GetInterfaces().Prepend(type))
        {
            if (candidate.IsGenericType && candidate.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            {
                return candidate.GetGenericArguments()[0];
            }
        }

        return null;
    }

    private static Dictionary<string, ValueSchema> BuildFields(Type type)
    {
        var fields = new Dictionary<string, ValueSchema>(StringComparer.Ordinal);
        // Most-derived first, so a property hidden with `new` in a derived class wins.
        for (var current = type; current is not null && current != typeof(object); current = current.BaseType)
        {
            foreach (var property in current.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                if (property.GetIndexParameters().Length > 0 || property.GetMethod is null)
                {
                    continue;
                }

                if (property.GetCustomAttribute<JsonIgnoreAttribute>() is { Condition: JsonIgnoreCondition.Always })
                {
                    continue;
                }

                var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name
                    ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);
                if (!fields.ContainsKey(name))
                {
                    fields[name] = Create(property.PropertyType, property);
                }
            }
        }

        return fields;
    }
}
