using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace KubeSharp.Api;

/// <summary>What a property's value looks like on the wire, derived from its C# type by the API conventions.</summary>
internal enum ApiShapeKind
{
    /// <summary>A type the conventions do not cover: JSON accepts anything, protobuf skips it.</summary>
    Any,
    String,
    Bytes,
    Bool,
    Int32,
    Int64,
    UInt32,
    UInt64,
    Double,
    Float,
    /// <summary>metav1.Time: seconds precision.</summary>
    Time,
    /// <summary>metav1.MicroTime: microsecond precision.</summary>
    MicroTime,
    Quantity,
    IntOrString,
    /// <summary>RawExtension, apiextensions JSON, FieldsV1: arbitrary JSON; protobuf {raw=1}.</summary>
    RawJson,
    Message,
    List,
    Map,
}

/// <summary>The wire shape of a value: scalar, special message, nested message, list or string-keyed map.</summary>
internal sealed class ApiShape
{
    private static readonly ConcurrentDictionary<Type, ApiShape> ByType = new();

    private ApiShape(ApiShapeKind kind, Type? messageType = null, ApiShape? element = null)
    {
        Kind = kind;
        MessageType = messageType;
        Element = element;
    }

    public ApiShapeKind Kind { get; }

    /// <summary>For <see cref="ApiShapeKind.Message"/>: the C# class.</summary>
    public Type? MessageType { get; }

    /// <summary>For lists: the element shape; for maps: the value shape.</summary>
    public ApiShape? Element { get; }

    public ApiObjectModel Model => ApiObjectModel.For(MessageType!);

    /// <summary>Scalars protobuf may pack in a repeated field (varint and fixed-width kinds).</summary>
    public bool IsPackable => Kind is ApiShapeKind.Bool or ApiShapeKind.Int32 or ApiShapeKind.Int64 or ApiShapeKind.UInt32
        or ApiShapeKind.UInt64 or ApiShapeKind.Double or ApiShapeKind.Float;

    public static ApiShape For(Type type, bool microTime = false)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(DateTimeOffset) || underlying == typeof(DateTime))
        {
            return new ApiShape(microTime ? ApiShapeKind.MicroTime : ApiShapeKind.Time);
        }

        return ByType.GetOrAdd(underlying, Create);
    }

    private static ApiShape Create(Type t)
    {
        if (t == typeof(string))
        {
            return new(ApiShapeKind.String);
        }

        if (t == typeof(byte[]))
        {
            return new(ApiShapeKind.Bytes);
        }

        if (t == typeof(bool))
        {
            return new(ApiShapeKind.Bool);
        }

        if (t == typeof(int) || t == typeof(short) || t == typeof(sbyte))
        {
            return new(ApiShapeKind.Int32);
        }

        if (t == typeof(long))
        {
            return new(ApiShapeKind.Int64);
        }

        if (t == typeof(uint) || t == typeof(ushort) || t == typeof(byte))
        {
            return new(ApiShapeKind.UInt32);
        }

        if (t == typeof(ulong))
        {
            return new(ApiShapeKind.UInt64);
        }

        if (t == typeof(double) || t == typeof(decimal))
        {
            return new(ApiShapeKind.Double);
        }

        if (t == typeof(float))
        {
            return new(ApiShapeKind.Float);
        }

        if (t == typeof(Quantity))
        {
            return new(ApiShapeKind.Quantity);
        }

        if (t == typeof(IntOrString))
        {
            return new(ApiShapeKind.IntOrString);
        }

        if (t == typeof(JsonElement) || typeof(JsonNode).IsAssignableFrom(t))
        {
            return new(ApiShapeKind.RawJson);
        }

        var dictionary = FindGeneric(t, typeof(IDictionary<,>)) ?? FindGeneric(t, typeof(IReadOnlyDictionary<,>));
        if (dictionary is not null)
        {
            var args = dictionary.GetGenericArguments();
            return args[0] == typeof(string) ? new(ApiShapeKind.Map, element: For(args[1])) : new(ApiShapeKind.Any);
        }

        if (t.IsArray)
        {
            return new(ApiShapeKind.List, element: For(t.GetElementType()!));
        }

        var enumerable = FindGeneric(t, typeof(IEnumerable<>));
        if (enumerable is not null)
        {
            return new(ApiShapeKind.List, element: For(enumerable.GetGenericArguments()[0]));
        }

        if (t.IsClass && t != typeof(object) && !t.IsAbstract && !t.IsPrimitive)
        {
            return new(ApiShapeKind.Message, messageType: t);
        }

        return new(ApiShapeKind.Any);
    }

    private static Type? FindGeneric(Type t, Type definition)
    {
        if (t.IsGenericType && t.GetGenericTypeDefinition() == definition)
        {
            return t;
        }

        return t.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == definition);
    }
}

/// <summary>One serialized property of an API class.</summary>
internal sealed class ApiProperty
{
    public ApiProperty(PropertyInfo property, string jsonName, int? protoNumber, ApiShape shape, bool keepsZero)
    {
        Property = property;
        JsonName = jsonName;
        ProtoNumber = protoNumber;
        Shape = shape;
        KeepsZero = keepsZero;
    }

    public PropertyInfo Property { get; }
    public string JsonName { get; }
    public int? ProtoNumber { get; }
    public ApiShape Shape { get; }

    /// <summary>
    /// The Go field is a pointer, so a zero value on the protobuf wire is a value, not absence
    /// (see <see cref="ProtoKeepZeroAttribute"/>).
    /// </summary>
    public bool KeepsZero { get; }
}

/// <summary>
/// A protobuf message layout of an API class: its own <c>[Proto(n)]</c> properties plus, per
/// <see cref="ProtoBaseAttribute"/>, its base class either merged (no attribute) or nested at a field.
/// </summary>
internal sealed class ProtoLayout
{
    public ProtoLayout(IReadOnlyDictionary<int, ApiProperty> properties, IReadOnlyDictionary<int, ProtoLayout> embedded)
    {
        Properties = properties;
        Embedded = embedded;
    }

    public IReadOnlyDictionary<int, ApiProperty> Properties { get; }

    /// <summary>Inline base classes nested in protobuf at these field numbers; flattened in JSON.</summary>
    public IReadOnlyDictionary<int, ProtoLayout> Embedded { get; }

    public IEnumerable<int> FieldNumbers => Properties.Keys.Concat(Embedded.Keys).Order();
}

/// <summary>The serialization model of one API class, cached per type.</summary>
internal sealed class ApiObjectModel
{
    private static readonly ConcurrentDictionary<Type, ApiObjectModel> Cache = new();
    private readonly Lazy<ProtoLayout> layout;

    private ApiObjectModel(Type type)
    {
        Type = type;
        var byName = new Dictionary<string, ApiProperty>(StringComparer.Ordinal);
        foreach (var property in AllProperties(type))
        {
            var created = CreateProperty(property);
            if (created is not null)
            {
                byName.TryAdd(created.JsonName, created);
            }
        }

        JsonProperties = byName;
        layout = new Lazy<ProtoLayout>(() => BuildLayout(type));
    }

    public Type Type { get; }

    /// <summary>Every JSON property of the class, inherited ones included, by JSON name.</summary>
    public IReadOnlyDictionary<string, ApiProperty> JsonProperties { get; }

    public ProtoLayout Layout => layout.Value;

    public static ApiObjectModel For(Type type) => Cache.GetOrAdd(type, t => new ApiObjectModel(t));

    private static IEnumerable<PropertyInfo> AllProperties(Type type)
    {
        // Most-derived first, so a derived declaration wins over a hidden base one.
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            foreach (var p in t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                yield return p;
            }
        }
    }

    private static ApiProperty? CreateProperty(PropertyInfo property)
    {
        if (property.GetIndexParameters().Length > 0)
        {
            return null;
        }

        var ignore = property.GetCustomAttribute<JsonIgnoreAttribute>();
        if (ignore is not null && ignore.Condition == JsonIgnoreCondition.Always)
        {
            return null;
        }

        var jsonName = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name
            ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);
        var microTime = property.GetCustomAttribute<JsonConverterAttribute>()?.ConverterType == typeof(MicroTimeConverter);
        var shape = ApiShape.For(property.PropertyType, microTime);
        var number = property.GetCustomAttribute<ProtoAttribute>()?.Number;
        var keepsZero = property.GetCustomAttribute<ProtoKeepZeroAttribute>() is not null || GoPointerFields.Contains(property);
        return new ApiProperty(property, jsonName, number, shape, keepsZero);
    }

    private static ProtoLayout BuildLayout(Type type)
    {
        var properties = new Dictionary<int, ApiProperty>();
        var embedded = new Dictionary<int, ProtoLayout>();
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
        {
            if (p.GetCustomAttribute<ProtoAttribute>() is null)
            {
                continue;
            }

            var created = CreateProperty(p);
            if (created?.ProtoNumber is int n)
            {
                properties[n] = created;
            }
        }

        var baseType = type.BaseType;
        if (baseType is not null && baseType != typeof(object))
        {
            var baseLayout = BuildLayout(baseType);
            var protoBase = type.GetCustomAttribute<ProtoBaseAttribute>(inherit: false);
            if (protoBase is not null)
            {
                embedded[protoBase.Number] = baseLayout;
            }
            else
            {
                foreach (var (n, p) in baseLayout.Properties)
                {
                    properties.TryAdd(n, p);
                }

                foreach (var (n, l) in baseLayout.Embedded)
                {
                    embedded.TryAdd(n, l);
                }
            }
        }

        return new ProtoLayout(properties, embedded);
    }
}
