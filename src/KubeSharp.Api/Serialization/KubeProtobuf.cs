using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KubeSharp.Api;

/// <summary>The runtime.Unknown wrapper of a Kubernetes protobuf body.</summary>
public sealed record KubeProtobufEnvelope(string ApiVersion, string Kind, byte[] Raw, string ContentEncoding, string ContentType);

/// <summary>
/// The Kubernetes protobuf wire format (<c>application/vnd.kubernetes.protobuf</c>): the magic
/// <c>k8s\0</c>, then a runtime.Unknown {typeMeta=1 {apiVersion=1, kind=2}, raw=2,
/// contentEncoding=3, contentType=4} whose raw is the object's Go-proto encoding.
/// </summary>
/// <remarks>
/// Objects are decoded into the JSON a Go client would have sent, by walking the C# type's
/// <c>[Proto(n)]</c> properties (src/KubeSharp.Api/README.md). Unknown field numbers are skipped.
/// Singular zero scalars are dropped unless the property keeps zeros (<see cref="ProtoKeepZeroAttribute"/>).
/// Every malformed input throws <see cref="KubeProtobufException"/>.
/// </remarks>
public sealed class KubeProtobuf
{
    public const string MediaType = "application/vnd.kubernetes.protobuf";

    /// <summary>Nested messages deeper than this are rejected (recursive schemas, hostile input).</summary>
    public const int MaxDepth = 100;

    private static readonly byte[] MagicBytes = "k8s\0"u8.ToArray();

    private readonly Dictionary<(string ApiVersion, string Kind), Type> kinds = [];

    /// <summary>Kinds of the KubeSharp.Api assembly.</summary>
    public static KubeProtobuf Default { get; } = new([typeof(KubernetesObject).Assembly]);

    /// <summary>Registers every <see cref="KubernetesEntityAttribute"/> class of the assemblies.</summary>
    public KubeProtobuf(IEnumerable<Assembly> assemblies)
        : this(assemblies.SelectMany(LoadableTypes))
    {
    }

    /// <summary>Registers the given classes that carry <see cref="KubernetesEntityAttribute"/>.</summary>
    public KubeProtobuf(IEnumerable<Type> types)
    {
        foreach (var type in types)
        {
            var entity = type.GetCustomAttribute<KubernetesEntityAttribute>(inherit: false);
            if (entity is not null && !type.IsAbstract)
            {
                kinds.TryAdd((entity.ApiVersion, entity.Kind), type);
            }
        }
    }

    public static ReadOnlySpan<byte> Magic => MagicBytes;

    /// <summary>The registered kinds by apiVersion and kind.</summary>
    public IReadOnlyDictionary<(string ApiVersion, string Kind), Type> Kinds => kinds;

    /// <summary>
    /// The class of a kind, or null. DeleteOptions (sent as a protobuf body by typed clients'
    /// Delete calls in any group version) resolves to <see cref="DeleteOptions"/>.
    /// </summary>
    public Type? FindKind(string apiVersion, string kind)
    {
        if (kinds.TryGetValue((apiVersion, kind), out var type))
        {
            return type;
        }

        return kind == "DeleteOptions" ? typeof(DeleteOptions) : null;
    }

    /// <summary>True when the body starts with the protobuf magic.</summary>
    public static bool HasMagic(ReadOnlySpan<byte> body) => body.StartsWith(MagicBytes);

    /// <summary>Reads the magic and the runtime.Unknown wrapper.</summary>
    public static KubeProtobufEnvelope ReadEnvelope(ReadOnlySpan<byte> body)
    {
        if (!HasMagic(body))
        {
            throw new KubeProtobufException("provided data does not start with the Kubernetes protobuf magic prefix");
        }

        var reader = new ProtoReader(body[MagicBytes.Length..]);
        string apiVersion = "", kind = "", contentEncoding = "", contentType = "";
        byte[] raw = [];
        while (!reader.End)
        {
            var (field, type) = reader.ReadTag();
            switch (field)
            {
                case 1:
                    Expect(type, WireType.LengthDelimited, "typeMeta");
                    var typeMeta = new ProtoReader(reader.ReadLengthDelimited());
                    while (!typeMeta.End)
                    {
                        var (f, t) = typeMeta.ReadTag();
                        if (f is 1 or 2)
                        {
                            Expect(t, WireType.LengthDelimited, f == 1 ? "apiVersion" : "kind");
                            var s = Utf8(typeMeta.ReadLengthDelimited());
                            if (f == 1)
                            {
                                apiVersion = s;
                            }
                            else
                            {
                                kind = s;
                            }
                        }
                        else
                        {
                            typeMeta.Skip(t);
                        }
                    }

                    break;
                case 2:
                    Expect(type, WireType.LengthDelimited, "raw");
                    raw = reader.ReadLengthDelimited().ToArray();
                    break;
                case 3:
                    Expect(type, WireType.LengthDelimited, "contentEncoding");
                    contentEncoding = Utf8(reader.ReadLengthDelimited());
                    break;
                case 4:
                    Expect(type, WireType.LengthDelimited, "contentType");
                    contentType = Utf8(reader.ReadLengthDelimited());
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        return new KubeProtobufEnvelope(apiVersion, kind, raw, contentEncoding, contentType);
    }

    /// <summary>Decodes a body whose kind is registered; apiVersion and kind come from the envelope.</summary>
    public JsonObject Decode(ReadOnlySpan<byte> body)
    {
        var envelope = ReadEnvelope(body);
        var type = FindKind(envelope.ApiVersion, envelope.Kind)
            ?? throw new KubeProtobufException($"no kind \"{envelope.Kind}\" is registered for version \"{envelope.ApiVersion}\"");
        return DecodeEnvelope(envelope, type, 0);
    }

    /// <summary>Decodes a body into the JSON of <paramref name="type"/>, whatever kind the envelope names.</summary>
    public JsonObject Decode(ReadOnlySpan<byte> body, Type type) => DecodeEnvelope(ReadEnvelope(body), type, 0);

    /// <summary>Decodes a bare Go-proto message (no magic, no envelope) into the JSON of <paramref name="type"/>.</summary>
    public JsonObject DecodeMessage(ReadOnlySpan<byte> raw, Type type) => DecodeMessage(raw, type, 0);

    private JsonObject DecodeMessage(ReadOnlySpan<byte> raw, Type type, int depth)
    {
        var result = new JsonObject();
        DecodeInto(raw, ApiObjectModel.For(type).Layout, result, depth);
        return result;
    }

    private JsonObject DecodeEnvelope(KubeProtobufEnvelope envelope, Type type, int depth)
    {
        if (envelope.ContentEncoding.Length > 0)
        {
            throw new KubeProtobufException($"unsupported content encoding \"{envelope.ContentEncoding}\"");
        }

        if (envelope.ContentType.Length > 0 && envelope.ContentType != MediaType)
        {
            throw new KubeProtobufException($"unsupported content type \"{envelope.ContentType}\" inside the protobuf envelope");
        }

        var body = DecodeMessage(envelope.Raw, type, depth);
        var result = new JsonObject();
        var entity = type.GetCustomAttribute<KubernetesEntityAttribute>(inherit: false);
        var apiVersion = envelope.ApiVersion.Length > 0 ? envelope.ApiVersion : entity?.ApiVersion;
        var kind = envelope.Kind.Length > 0 ? envelope.Kind : entity?.Kind;
        if (apiVersion is not null)
        {
            result["apiVersion"] = apiVersion;
        }

        if (kind is not null)
        {
            result["kind"] = kind;
        }

        foreach (var (name, value) in body.ToList())
        {
            body.Remove(name);
            result[name] = value;
        }

        return result;
    }

    private void DecodeInto(ReadOnlySpan<byte> data, ProtoLayout layout, JsonObject target, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new KubeProtobufException($"message nesting exceeds {MaxDepth} levels");
        }

        var reader = new ProtoReader(data);
        while (!reader.End)
        {
            var (field, wire) = reader.ReadTag();
            if (layout.Properties.TryGetValue(field, out var property))
            {
                DecodeProperty(ref reader, wire, property, target, depth);
            }
            else if (layout.Embedded.TryGetValue(field, out var embedded))
            {
                Expect(wire, WireType.LengthDelimited, $"field {field}");
                DecodeInto(reader.ReadLengthDelimited(), embedded, target, depth + 1);
            }
            else
            {
                reader.Skip(wire);
            }
        }
    }

    private void DecodeProperty(ref ProtoReader reader, WireType wire, ApiProperty property, JsonObject target, int depth)
    {
        var shape = property.Shape;
        var name = property.JsonName;
        switch (shape.Kind)
        {
            case ApiShapeKind.Any:
                reader.Skip(wire);
                return;
            case ApiShapeKind.List:
                var list = target[name] as JsonArray;
                if (list is null)
                {
                    list = [];
                    target[name] = list;
                }

                var element = shape.Element!;
                if (element.Kind == ApiShapeKind.Any)
                {
                    reader.Skip(wire);
                }
                else if (element.IsPackable && wire == WireType.LengthDelimited)
                {
                    var packed = new ProtoReader(reader.ReadLengthDelimited());
                    var packedWire = element.Kind switch
                    {
                        ApiShapeKind.Double => WireType.Fixed64,
                        ApiShapeKind.Float => WireType.Fixed32,
                        _ => WireType.Varint,
                    };
                    while (!packed.End)
                    {
                        list.Add(ReadValue(ref packed, packedWire, element, name, depth));
                    }
                }
                else
                {
                    list.Add(ReadValue(ref reader, wire, element, name, depth));
                }

                return;
            case ApiShapeKind.Map:
                Expect(wire, WireType.LengthDelimited, name);
                var map = target[name] as JsonObject;
                if (map is null)
                {
                    map = [];
                    target[name] = map;
                }

                var (key, value) = ReadMapEntry(reader.ReadLengthDelimited(), shape.Element!, name, depth);
                map[key] = value;
                return;
            default:
                var decoded = ReadValue(ref reader, wire, shape, name, depth);
                if (decoded is JsonObject incoming && shape.Kind == ApiShapeKind.Message && target[name] is JsonObject existing)
                {
                    // A repeated occurrence of a singular message merges into the earlier one.
                    Merge(existing, incoming);
                }
                else if (decoded is null || (!property.KeepsZero && IsZero(decoded)))
                {
                    target.Remove(name);
                }
                else
                {
                    target[name] = decoded;
                }

                return;
        }
    }

    private (string Key, JsonNode? Value) ReadMapEntry(ReadOnlySpan<byte> entry, ApiShape valueShape, string name, int depth)
    {
        var reader = new ProtoReader(entry);
        var key = "";
        JsonNode? value = null;
        var sawValue = false;
        while (!reader.End)
        {
            var (field, wire) = reader.ReadTag();
            if (field == 1)
            {
                Expect(wire, WireType.LengthDelimited, name + " key");
                key = Utf8(reader.ReadLengthDelimited());
            }
            else if (field == 2)
            {
                value = valueShape.Kind == ApiShapeKind.List
                    ? ReadNamedList(ref reader, wire, valueShape.Element!, name, depth)
                    : ReadValue(ref reader, wire, valueShape, name, depth);
                sawValue = true;
            }
            else
            {
                reader.Skip(wire);
            }
        }

        return (key, sawValue ? value : ZeroOf(valueShape));
    }

    /// <summary>A map value that is a list travels as a message {repeated items = 1} (e.g. ExtraValue).</summary>
    private JsonArray ReadNamedList(ref ProtoReader reader, WireType wire, ApiShape element, string name, int depth)
    {
        Expect(wire, WireType.LengthDelimited, name);
        var inner = new ProtoReader(reader.ReadLengthDelimited());
        var list = new JsonArray();
        while (!inner.End)
        {
            var (field, w) = inner.ReadTag();
            if (field != 1)
            {
                inner.Skip(w);
                continue;
            }

            list.Add(ReadValue(ref inner, w, element, name, depth + 1));
        }

        return list;
    }

    private static JsonNode? ZeroOf(ApiShape shape) => shape.Kind switch
    {
        ApiShapeKind.String or ApiShapeKind.Bytes => JsonValue.Create(""),
        ApiShapeKind.Quantity => JsonValue.Create("0"),
        ApiShapeKind.Bool => JsonValue.Create(false),
        ApiShapeKind.Int32 or ApiShapeKind.Int64 or ApiShapeKind.UInt32 or ApiShapeKind.UInt64 => JsonValue.Create(0),
        ApiShapeKind.Double or ApiShapeKind.Float => JsonValue.Create(0.0),
        ApiShapeKind.Message => new JsonObject(),
        _ => null,
    };

    private JsonNode? ReadValue(ref ProtoReader reader, WireType wire, ApiShape shape, string name, int depth)
    {
        switch (shape.Kind)
        {
            case ApiShapeKind.Bool:
                Expect(wire, WireType.Varint, name);
                return JsonValue.Create(reader.ReadVarint() != 0);
            case ApiShapeKind.Int32:
                Expect(wire, WireType.Varint, name);
                return JsonValue.Create(unchecked((int)reader.ReadVarint()));
            case ApiShapeKind.Int64:
                Expect(wire, WireType.Varint, name);
                return JsonValue.Create(unchecked((long)reader.ReadVarint()));
            case ApiShapeKind.UInt32:
                Expect(wire, WireType.Varint, name);
                return JsonValue.Create(unchecked((uint)reader.ReadVarint()));
            case ApiShapeKind.UInt64:
                Expect(wire, WireType.Varint, name);
                return JsonValue.Create(reader.ReadVarint());
            case ApiShapeKind.Double:
                Expect(wire, WireType.Fixed64, name);
                return FiniteNumber(BitConverter.Int64BitsToDouble(unchecked((long)reader.ReadFixed64())), name);
            case ApiShapeKind.Float:
                Expect(wire, WireType.Fixed32, name);
                return FiniteNumber(BitConverter.Int32BitsToSingle(unchecked((int)reader.ReadFixed32())), name);
            case ApiShapeKind.String:
                Expect(wire, WireType.LengthDelimited, name);
                return JsonValue.Create(Utf8(reader.ReadLengthDelimited()));
            case ApiShapeKind.Bytes:
                Expect(wire, WireType.LengthDelimited, name);
                return JsonValue.Create(Convert.ToBase64String(reader.ReadLengthDelimited()));
            case ApiShapeKind.Time:
            case ApiShapeKind.MicroTime:
                Expect(wire, WireType.LengthDelimited, name);
                return ReadTime(reader.ReadLengthDelimited(), shape.Kind == ApiShapeKind.MicroTime, name);
            case ApiShapeKind.Quantity:
                Expect(wire, WireType.LengthDelimited, name);
                return ReadQuantity(reader.ReadLengthDelimited(), name);
            case ApiShapeKind.IntOrString:
                Expect(wire, WireType.LengthDelimited, name);
                return ReadIntOrString(reader.ReadLengthDelimited(), name);
            case ApiShapeKind.RawJson:
                Expect(wire, WireType.LengthDelimited, name);
                return ReadRawJson(reader.ReadLengthDelimited(), name, depth);
            case ApiShapeKind.Message:
                Expect(wire, WireType.LengthDelimited, name);
                var message = new JsonObject();
                DecodeInto(reader.ReadLengthDelimited(), shape.Model.Layout, message, depth + 1);
                return message;
            case ApiShapeKind.List:
                // A list inside a list: Go names the inner slice type, which travels as {items = 1}.
                return ReadNamedList(ref reader, wire, shape.Element!, name, depth);
            default:
                reader.Skip(wire);
                return null;
        }
    }

    private static JsonValue FiniteNumber(double value, string name) =>
        double.IsFinite(value) ? JsonValue.Create(value) : throw new KubeProtobufException($"field \"{name}\" holds a non-finite number");

    private static JsonValue? ReadTime(ReadOnlySpan<byte> data, bool micro, string name)
    {
        if (data.IsEmpty)
        {
            // Go's zero time marshals to an empty message and to JSON null.
            return null;
        }

        var reader = new ProtoReader(data);
        long seconds = 0;
        long nanos = 0;
        while (!reader.End)
        {
            var (field, wire) = reader.ReadTag();
            if (field == 1)
            {
                Expect(wire, WireType.Varint, name + ".seconds");
                seconds = unchecked((long)reader.ReadVarint());
            }
            else if (field == 2)
            {
                Expect(wire, WireType.Varint, name + ".nanos");
                nanos = unchecked((int)reader.ReadVarint());
            }
            else
            {
                reader.Skip(wire);
            }
        }

        // DateTimeOffset covers years 1..9999; Go accepts more, but RFC 3339 (and Kubernetes' JSON) does not.
        const long minSeconds = -62_135_596_800;
        const long maxSeconds = 253_402_300_799;
        if (seconds < minSeconds || seconds > maxSeconds || nanos < 0 || nanos > 999_999_999)
        {
            throw new KubeProtobufException($"field \"{name}\" holds a time out of range");
        }

        var time = DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (micro)
        {
            time = time.AddTicks(nanos / 100);
            return JsonValue.Create(time.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'ffffff'Z'", CultureInfo.InvariantCulture));
        }

        // metav1.Time keeps whole seconds only.
        return JsonValue.Create(time.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture));
    }

    private static JsonValue ReadQuantity(ReadOnlySpan<byte> data, string name)
    {
        var reader = new ProtoReader(data);
        string? text = null;
        while (!reader.End)
        {
            var (field, wire) = reader.ReadTag();
            if (field == 1)
            {
                Expect(wire, WireType.LengthDelimited, name);
                text = Utf8(reader.ReadLengthDelimited());
            }
            else
            {
                reader.Skip(wire);
            }
        }

        if (text is null)
        {
            return JsonValue.Create("0");
        }

        return text.Length == 0
            ? throw new KubeProtobufException($"field \"{name}\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")
            : JsonValue.Create(text);
    }

    private static JsonValue ReadIntOrString(ReadOnlySpan<byte> data, string name)
    {
        var reader = new ProtoReader(data);
        long type = 0;
        var intValue = 0;
        var stringValue = "";
        while (!reader.End)
        {
            var (field, wire) = reader.ReadTag();
            switch (field)
            {
                case 1:
                    Expect(wire, WireType.Varint, name + ".type");
                    type = unchecked((long)reader.ReadVarint());
                    break;
                case 2:
                    Expect(wire, WireType.Varint, name + ".intVal");
                    intValue = unchecked((int)reader.ReadVarint());
                    break;
                case 3:
                    Expect(wire, WireType.LengthDelimited, name + ".strVal");
                    stringValue = Utf8(reader.ReadLengthDelimited());
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        return type switch
        {
            0 => JsonValue.Create(intValue),
            1 => JsonValue.Create(stringValue),
            _ => throw new KubeProtobufException($"field \"{name}\": impossible IntOrString.Type {type}"),
        };
    }

    private JsonNode? ReadRawJson(ReadOnlySpan<byte> data, string name, int depth)
    {
        var reader = new ProtoReader(data);
        ReadOnlySpan<byte> raw = default;
        while (!reader.End)
        {
            var (field, wire) = reader.ReadTag();
            if (field == 1)
            {
                Expect(wire, WireType.LengthDelimited, name);
                raw = reader.ReadLengthDelimited();
            }
            else
            {
                reader.Skip(wire);
            }
        }

        if (raw.IsEmpty)
        {
            return null;
        }

        if (HasMagic(raw))
        {
            if (depth > MaxDepth)
            {
                throw new KubeProtobufException($"message nesting exceeds {MaxDepth} levels");
            }

            // An embedded object encoded as protobuf (a RawExtension holding a typed object).
            var envelope = ReadEnvelope(raw);
            var type = FindKind(envelope.ApiVersion, envelope.Kind)
                ?? throw new KubeProtobufException($"field \"{name}\" embeds unknown kind \"{envelope.Kind}\" of version \"{envelope.ApiVersion}\"");
            return DecodeEnvelope(envelope, type, depth + 1);
        }

        try
        {
            return JsonNode.Parse(raw, documentOptions: new JsonDocumentOptions { MaxDepth = 512 }) ?? null;
        }
        catch (JsonException e)
        {
            throw new KubeProtobufException($"field \"{name}\" does not hold valid JSON: {e.Message}", e);
        }
        catch (ArgumentException e)
        {
            throw new KubeProtobufException($"field \"{name}\" does not hold valid JSON: {e.Message}", e);
        }
    }

    private static bool IsZero(JsonNode node)
    {
        if (node is not JsonValue value)
        {
            return false;
        }

        if (value.TryGetValue<string>(out var s))
        {
            return s.Length == 0;
        }

        if (value.TryGetValue<bool>(out var b))
        {
            return !b;
        }

        if (value.TryGetValue<long>(out var l))
        {
            return l == 0;
        }

        if (value.TryGetValue<int>(out var i))
        {
            return i == 0;
        }

        if (value.TryGetValue<uint>(out var ui))
        {
            return ui == 0;
        }

        if (value.TryGetValue<ulong>(out var ul))
        {
            return ul == 0;
        }

        return value.TryGetValue<double>(out var d) && d == 0;
    }

    private static void Merge(JsonObject into, JsonObject from)
    {
        foreach (var (key, value) in from.ToList())
        {
            from.Remove(key);
            if (value is JsonObject o && into[key] is JsonObject existing)
            {
                Merge(existing, o);
            }
            else if (value is JsonArray a && into[key] is JsonArray existingList)
            {
                foreach (var item in a.ToList())
                {
                    a.Remove(item);
                    existingList.Add(item);
                }
            }
            else
            {
                into[key] = value;
            }
        }
    }

    private static void Expect(WireType actual, WireType expected, string name)
    {
        if (actual != expected)
        {
            throw new KubeProtobufException($"wrong wire type {(int)actual} for field \"{name}\" (expected {(int)expected})");
        }
    }

    private static string Utf8(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>();
        }
    }

    // ---------------------------------------------------------------- encoding

    /// <summary>Encodes a typed object as a protobuf body (magic + envelope).</summary>
    public static byte[] Encode<T>(T value)
        where T : class
    {
        var node = JsonSerializer.SerializeToNode(value, value.GetType(), KubeJson.Options) as JsonObject
            ?? throw new KubeProtobufException("the object did not serialize to a JSON object");
        return Encode(node, value.GetType());
    }

    /// <summary>
    /// Encodes the JSON of a <paramref name="type"/> object as a protobuf body. apiVersion and kind
    /// come from the JSON, else from the type's <see cref="KubernetesEntityAttribute"/>.
    /// </summary>
    public static byte[] Encode(JsonObject json, Type type)
    {
        var entity = type.GetCustomAttribute<KubernetesEntityAttribute>(inherit: false);
        var apiVersion = json["apiVersion"] is JsonValue av && av.TryGetValue<string>(out var a) ? a : entity?.ApiVersion ?? "";
        var kind = json["kind"] is JsonValue kv && kv.TryGetValue<string>(out var k) ? k : entity?.Kind ?? "";
        return EncodeEnvelope(apiVersion, kind, EncodeMessage(json, type));
    }

    /// <summary>Wraps an already-encoded message in the magic and runtime.Unknown.</summary>
    public static byte[] EncodeEnvelope(string apiVersion, string kind, ReadOnlySpan<byte> raw)
    {
        var typeMeta = new ProtoWriter();
        typeMeta.WriteString(1, apiVersion);
        typeMeta.WriteString(2, kind);
        var envelope = new ProtoWriter();
        envelope.WriteRaw(MagicBytes);
        envelope.WriteBytes(1, typeMeta.WrittenSpan);
        envelope.WriteBytes(2, raw);
        envelope.WriteString(3, "");
        envelope.WriteString(4, "");
        return envelope.ToArray();
    }

    /// <summary>Encodes the JSON of a <paramref name="type"/> object as a bare Go-proto message.</summary>
    public static byte[] EncodeMessage(JsonObject json, Type type)
    {
        var writer = new ProtoWriter();
        EncodeInto(json, ApiObjectModel.For(type).Layout, writer, 0);
        return writer.ToArray();
    }

    private static void EncodeInto(JsonObject json, ProtoLayout layout, ProtoWriter writer, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new KubeProtobufException($"object nesting exceeds {MaxDepth} levels");
        }

        foreach (var number in layout.FieldNumbers)
        {
            if (layout.Embedded.TryGetValue(number, out var embedded))
            {
                var inner = new ProtoWriter();
                EncodeInto(json, embedded, inner, depth + 1);
                writer.WriteBytes(number, inner.WrittenSpan);
                continue;
            }

            var property = layout.Properties[number];
            var node = json[property.JsonName];
            if (node is null)
            {
                continue;
            }

            var shape = property.Shape;
            switch (shape.Kind)
            {
                case ApiShapeKind.Any:
                    break;
                case ApiShapeKind.List:
                    foreach (var item in AsArray(node, property.JsonName))
                    {
                        if (item is not null)
                        {
                            WriteValue(writer, number, item, shape.Element!, property.JsonName, depth);
                        }
                    }

                    break;
                case ApiShapeKind.Map:
                    var map = node as JsonObject ?? throw new KubeProtobufException($"field \"{property.JsonName}\" must be an object");
                    foreach (var (key, value) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
                    {
                        var entry = new ProtoWriter();
                        entry.WriteString(1, key);
                        if (value is not null)
                        {
                            if (shape.Element!.Kind == ApiShapeKind.List)
                            {
                                var items = new ProtoWriter();
                                foreach (var item in AsArray(value, property.JsonName))
                                {
                                    if (item is not null)
                                    {
                                        WriteValue(items, 1, item, shape.Element.Element!, property.JsonName, depth + 1);
                                    }
                                }

                                entry.WriteBytes(2, items.WrittenSpan);
                            }
                            else
                            {
                                WriteValue(entry, 2, value, shape.Element, property.JsonName, depth + 1);
                            }
                        }

                        writer.WriteBytes(number, entry.WrittenSpan);
                    }

                    break;
                default:
                    WriteValue(writer, number, node, shape, property.JsonName, depth);
                    break;
            }
        }
    }

    private static JsonArray AsArray(JsonNode node, string name) =>
        node as JsonArray ?? throw new KubeProtobufException($"field \"{name}\" must be an array");

    private static void WriteValue(ProtoWriter writer, int number, JsonNode node, ApiShape shape, string name, int depth)
    {
        switch (shape.Kind)
        {
            case ApiShapeKind.Bool:
                writer.WriteTag(number, WireType.Varint);
                writer.WriteVarint(Scalar<bool>(node, name) ? 1UL : 0UL);
                break;
            case ApiShapeKind.Int32:
                writer.WriteTag(number, WireType.Varint);
                writer.WriteVarint(unchecked((ulong)(long)Scalar<int>(node, name)));
                break;
            case ApiShapeKind.Int64:
                writer.WriteTag(number, WireType.Varint);
                writer.WriteVarint(unchecked((ulong)Scalar<long>(node, name)));
                break;
            case ApiShapeKind.UInt32:
                writer.WriteTag(number, WireType.Varint);
                writer.WriteVarint(Scalar<uint>(node, name));
                break;
            case ApiShapeKind.UInt64:
                writer.WriteTag(number, WireType.Varint);
                writer.WriteVarint(Scalar<ulong>(node, name));
                break;
            case ApiShapeKind.Double:
                writer.WriteTag(number, WireType.Fixed64);
                writer.WriteFixed64(unchecked((ulong)BitConverter.DoubleToInt64Bits(Scalar<double>(node, name))));
                break;
            case ApiShapeKind.Float:
                writer.WriteTag(number, WireType.Fixed32);
                writer.WriteFixed32(unchecked((uint)BitConverter.SingleToInt32Bits(Scalar<float>(node, name))));
                break;
            case ApiShapeKind.String:
                writer.WriteString(number, Scalar<string>(node, name));
                break;
            case ApiShapeKind.Bytes:
                try
                {
                    writer.WriteBytes(number, Convert.FromBase64String(Scalar<string>(node, name)));
                }
                catch (FormatException e) when (e is not KubeProtobufException)
                {
                    throw new KubeProtobufException($"field \"{name}\" is not valid base64", e);
                }

                break;
            case ApiShapeKind.Time:
            case ApiShapeKind.MicroTime:
                if (!DateTimeOffset.TryParse(Scalar<string>(node, name), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
                {
                    throw new KubeProtobufException($"field \"{name}\" is not an RFC 3339 time");
                }

                var timestamp = new ProtoWriter();
                var ticks = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
                var seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out var remainder);
                if (remainder < 0)
                {
                    seconds--;
                    remainder += TimeSpan.TicksPerSecond;
                }

                timestamp.WriteTag(1, WireType.Varint);
                timestamp.WriteVarint(unchecked((ulong)seconds));
                timestamp.WriteTag(2, WireType.Varint);
                timestamp.WriteVarint((ulong)(remainder * 100));
                writer.WriteBytes(number, timestamp.WrittenSpan);
                break;
            case ApiShapeKind.Quantity:
                var quantity = new ProtoWriter();
                var text = node is JsonValue qv && qv.TryGetValue<string>(out var qs) ? qs : node.ToJsonString();
                quantity.WriteString(1, text);
                writer.WriteBytes(number, quantity.WrittenSpan);
                break;
            case ApiShapeKind.IntOrString:
                var intOrString = new ProtoWriter();
                if (node is JsonValue iv && iv.TryGetValue<string>(out var str))
                {
                    intOrString.WriteTag(1, WireType.Varint);
                    intOrString.WriteVarint(1);
                    intOrString.WriteTag(2, WireType.Varint);
                    intOrString.WriteVarint(0);
                    intOrString.WriteString(3, str);
                }
                else
                {
                    intOrString.WriteTag(1, WireType.Varint);
                    intOrString.WriteVarint(0);
                    intOrString.WriteTag(2, WireType.Varint);
                    intOrString.WriteVarint(unchecked((ulong)(long)Scalar<int>(node, name)));
                    intOrString.WriteString(3, "");
                }

                writer.WriteBytes(number, intOrString.WrittenSpan);
                break;
            case ApiShapeKind.RawJson:
                var raw = new ProtoWriter();
                raw.WriteBytes(1, Encoding.UTF8.GetBytes(node.ToJsonString(KubeJson.Options)));
                writer.WriteBytes(number, raw.WrittenSpan);
                break;
            case ApiShapeKind.Message:
                var message = new ProtoWriter();
                EncodeInto(node as JsonObject ?? throw new KubeProtobufException($"field \"{name}\" must be an object"), shape.Model.Layout, message, depth + 1);
                writer.WriteBytes(number, message.WrittenSpan);
                break;
            case ApiShapeKind.List:
                var items = new ProtoWriter();
                foreach (var item in AsArray(node, name))
                {
                    if (item is not null)
                    {
                        WriteValue(items, 1, item, shape.Element!, name, depth + 1);
                    }
                }

                writer.WriteBytes(number, items.WrittenSpan);
                break;
            default:
                break;
        }
    }

    private static T Scalar<T>(JsonNode node, string name)
    {
        if (node is JsonValue value)
        {
            if (value.TryGetValue<T>(out var result))
            {
                return result;
            }

            // A number held as another CLR type (an int node read as long, …): go through its JSON text.
            if (value.GetValueKind() == JsonValueKind.Number && typeof(T) != typeof(string))
            {
                try
                {
                    return JsonSerializer.Deserialize<T>(value.ToJsonString())!;
                }
                catch (JsonException)
                {
                    // Out of range or fractional for T: reported below.
                }
            }
        }

        throw new KubeProtobufException($"field \"{name}\" must be a {typeof(T).Name}");
    }
}
