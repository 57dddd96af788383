using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using KubeSharp.Api;

namespace KubeSharp.ApiServer.Cel;

/// <summary>
/// CEL run-time values are plain CLR objects: null, bool, long (int), ulong (uint), double, string,
/// <see cref="CelBytes"/>, <see cref="IReadOnlyList{T}"/> of values (list), <see cref="CelMap"/> (map),
/// <see cref="TimeSpan"/> (duration), <see cref="DateTimeOffset"/> (timestamp), <see cref="Quantity"/>
/// and <see cref="CelType"/>.
/// </summary>
internal sealed class CelBytes(byte[] value) : IEquatable<CelBytes>, IComparable<CelBytes>
{
    public byte[] Value { get; } = value;

    public bool Equals(CelBytes? other) => other is not null && Value.AsSpan().SequenceEqual(other.Value);

    public override bool Equals(object? obj) => Equals(obj as CelBytes);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(Value);
        return hash.ToHashCode();
    }

    public int CompareTo(CelBytes? other) => other is null ? 1 : Value.AsSpan().SequenceCompareTo(other.Value);

    public override string ToString() => Convert.ToBase64String(Value);
}

/// <summary>A CEL optional value (<c>optional.of(x)</c>, <c>optional.none()</c>, <c>a.?b</c>).</summary>
internal sealed class CelOptional : IEquatable<CelOptional>
{
    public static readonly CelOptional None = new(false, null);

    private CelOptional(bool hasValue, object? value)
    {
        HasValue = hasValue;
        Value = value;
    }

    public bool HasValue { get; }

    public object? Value { get; }

    public static CelOptional Of(object? value) => new(true, value);

    public bool Equals(CelOptional? other) =>
        other is not null && HasValue == other.HasValue && (!HasValue || CelOperators.ValueEquals(Value, other.Value));

    public override bool Equals(object? obj) => Equals(obj as CelOptional);

    public override int GetHashCode() => HasValue ? 1 : 0;
}

/// <summary>A CEL type value, as returned by <c>type(x)</c> and named by identifiers such as <c>int</c>.</summary>
internal sealed record CelType(string Name)
{
    public static readonly CelType Int = new("int");
    public static readonly CelType Uint = new("uint");
    public static readonly CelType Double = new("double");
    public static readonly CelType Bool = new("bool");
    public static readonly CelType String = new("string");
    public static readonly CelType Bytes = new("bytes");
    public static readonly CelType List = new("list");
    public static readonly CelType Map = new("map");
    public static readonly CelType Null = new("null_type");
    public static readonly CelType Type = new("type");
    public static readonly CelType Duration = new("google.protobuf.Duration");
    public static readonly CelType Timestamp = new("google.protobuf.Timestamp");
    public static readonly CelType Quantity = new("kubernetes.Quantity");
    public static readonly CelType Optional = new("optional_type");

    /// <summary>Type identifiers usable in expressions (e.g. <c>type(x) == string</c>).</summary>
    public static readonly IReadOnlyDictionary<string, CelType> ByIdentifier = new Dictionary<string, CelType>
    {
        ["int"] = Int,
        ["uint"] = Uint,
        ["double"] = Double,
        ["bool"] = Bool,
        ["string"] = String,
        ["bytes"] = Bytes,
        ["list"] = List,
        ["map"] = Map,
        ["null_type"] = Null,
        ["type"] = Type,
        ["google.protobuf.Duration"] = Duration,
        ["google.protobuf.Timestamp"] = Timestamp,
    };

    public static CelType Of(object? value) => value switch
    {
        null => Null,
        bool => Bool,
        long => Int,
        ulong => Uint,
        double => Double,
        string => String,
        CelBytes => Bytes,
        CelMap => Map,
        IReadOnlyList<object?> => List,
        TimeSpan => Duration,
        DateTimeOffset => Timestamp,
        Api.Quantity => Quantity,
        CelType => Type,
        CelOptional => Optional,
        _ => new CelType(value.GetType().Name),
    };

    public override string ToString() => Name;
}

/// <summary>A CEL map. Keys are bool, int, uint or string; numeric keys compare by value across types.</summary>
internal abstract class CelMap
{
    public abstract int Count { get; }

    public abstract IEnumerable<object> Keys { get; }

    public abstract bool TryGetValue(object? key, out object? value);

    public bool ContainsKey(object? key) => TryGetValue(key, out _);
}

/// <summary>A map built by a map literal or a function.</summary>
internal sealed class CelDictionaryMap : CelMap
{
    private readonly Dictionary<object, object?> entries = new(CelKeyComparer.Instance);
    private readonly List<object> order = [];

    public override int Count => entries.Count;

    public override IEnumerable<object> Keys => order;

    /// <summary>Adds an entry; false when the key is already present.</summary>
    public bool TryAdd(object key, object? value)
    {
        if (!entries.TryAdd(key, value))
        {
            return false;
        }

        order.Add(key);
        return true;
    }

    public override bool TryGetValue(object? key, out object? value)
    {
        value = null;
        return key is not null && entries.TryGetValue(key, out value);
    }
}

/// <summary>A JSON object seen as a map from field name to value, converted on access.</summary>
internal sealed class CelJsonObjectMap(JsonObject json) : CelMap
{
    public override int Count => json.Count;

    public override IEnumerable<object> Keys => json.Select(p => (object)p.Key);

    public override bool TryGetValue(object? key, out object? value)
    {
        if (key is string name && json.TryGetPropertyValue(name, out var node))
        {
            value = CelValueConversion.FromJson(node);
            return true;
        }

        value = null;
        return false;
    }
}

/// <summary>
/// A map of string keys whose values are computed on first access and then kept; Kubernetes'
/// <c>variables</c> binding is such a map (each variable is evaluated at most once).
/// </summary>
internal sealed class CelLazyMap : CelMap
{
    private readonly Dictionary<string, Func<object?>> producers;
    private readonly Dictionary<string, object?> values = new(StringComparer.Ordinal);

    public CelLazyMap(IEnumerable<KeyValuePair<string, Func<object?>>> producers) =>
        this.producers = new Dictionary<string, Func<object?>>(producers, StringComparer.Ordinal);

    public override int Count => producers.Count;

    public override IEnumerable<object> Keys => producers.Keys;

    public override bool TryGetValue(object? key, out object? value)
    {
        value = null;
        if (key is not string name || !producers.TryGetValue(name, out var producer))
        {
            return false;
        }

        if (!values.TryGetValue(name, out value))
        {
            value = CelValueConversion.FromClr(producer());
            values[name] = value;
        }

        return true;
    }
}

internal sealed class CelJsonArrayList(JsonArray json) : IReadOnlyList<object?>
{
    public object? this[int index] => CelValueConversion.FromJson(json[index]);

    public int Count => json.Count;

    public IEnumerator<object?> GetEnumerator()
    {
        for (var i = 0; i < json.Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>Treats numeric keys of equal value as the same key, as CEL's heterogeneous equality requires.</summary>
internal sealed class CelKeyComparer : IEqualityComparer<object>
{
    public static readonly CelKeyComparer Instance = new();

    public new bool Equals(object? x, object? y) => CelOperators.ValueEquals(x, y);

    public int GetHashCode(object obj) => obj switch
    {
        long l => l.GetHashCode(),
        ulong u when u <= long.MaxValue => ((long)u).GetHashCode(),
        double d when d >= long.MinValue && d <= long.MaxValue && Math.Floor(d) == d => ((long)d).GetHashCode(),
        _ => obj.GetHashCode(),
    };
}

/// <summary>Converts between CLR/JSON data and CEL values.</summary>
internal static class CelValueConversion
{
    public static object? FromJson(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonObject o:
                return new CelJsonObjectMap(o);
            case JsonArray a:
                return new CelJsonArrayList(a);
            case JsonValue v:
                switch (v.GetValueKind())
                {
                    case JsonValueKind.String:
                        return v.GetValue<string>();
                    case JsonValueKind.True:
                        return true;
                    case JsonValueKind.False:
                        return false;
                    case JsonValueKind.Null:
                    case JsonValueKind.Undefined:
                        return null;
                    case JsonValueKind.Number:
                        if (v.TryGetValue<long>(out var l))
                        {
                            return l;
                        }

                        if (v.TryGetValue<JsonElement>(out var e) && e.TryGetInt64(out l))
                        {
                            return l;
                        }

                        // Values created from other CLR numeric types: read their JSON text.
                        var text = v.ToJsonString();
                        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out l))
                        {
                            return l;
                        }

                        if (ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var u))
                        {
                            return u;
                        }

                        return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
                    default:
                        return null;
                }

            default:
                return null;
        }
    }

    /// <summary>
    /// Accepts JSON nodes, CEL values and common CLR shapes (int, float, dictionaries with string keys,
    /// enumerables) for activations.
    /// </summary>
    public static object? FromClr(object? value) => value switch
    {
        null => null,
        JsonNode node => FromJson(node),
        JsonElement element => FromJson(JsonSerializer.SerializeToNode(element)),
        bool or long or ulong or double or string or CelBytes or CelMap or TimeSpan or DateTimeOffset or Quantity or CelType or CelOptional => value,
        int i => (long)i,
        uint u => (ulong)u,
        short s => (long)s,
        float f => (double)f,
        decimal m => (double)m,
        byte[] b => new CelBytes(b),
        DateTime d => new DateTimeOffset(d.ToUniversalTime()),
        IReadOnlyList<object?> list when list.All(IsCelValue) => list,
        IDictionary<string, object?> dictionary => FromDictionary(dictionary),
        IReadOnlyDictionary<string, object?> dictionary => FromDictionary(dictionary),
        IDictionary<string, string> strings => FromDictionary(strings.Select(p => new KeyValuePair<string, object?>(p.Key, p.Value))),
        IEnumerable enumerable => enumerable.Cast<object?>().Select(FromClr).ToList(),
        _ => FromJson(JsonSerializer.SerializeToNode(value, value.GetType())),
    };

    private static bool IsCelValue(object? v) =>
        v is null or bool or long or ulong or double or string or CelBytes or CelMap or TimeSpan or DateTimeOffset or Quantity or CelType or CelOptional;

    private static CelDictionaryMap FromDictionary(IEnumerable<KeyValuePair<string, object?>> entries)
    {
        var map = new CelDictionaryMap();
        foreach (var (k, v) in entries)
        {
            map.TryAdd(k, FromClr(v));
        }

        return map;
    }

    /// <summary>Converts a CEL result to JSON (durations and timestamps as their string forms).</summary>
    public static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        bool b => JsonValue.Create(b),
        long l => JsonValue.Create(l),
        ulong u => JsonValue.Create(u),
        double d => JsonValue.Create(d),
        string s => JsonValue.Create(s),
        CelBytes b => JsonValue.Create(b.ToString()),
        CelMap m => new JsonObject(m.Keys.Select(k => new KeyValuePair<string, JsonNode?>(CelFunctions.ToCelString(k), m.TryGetValue(k, out var v) ? ToJson(v) : null))),
        IReadOnlyList<object?> list => new JsonArray([.. list.Select(ToJson)]),
        _ => JsonValue.Create(CelFunctions.ToCelString(value)),
    };
}
