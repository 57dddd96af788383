using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace KubeSharp.Api;

/// <summary>A mapping key given twice; Kubernetes' Strict field validation rejects it.</summary>
public sealed record YamlDuplicateKey(string Path, string Key, int Line)
{
    /// <summary>The wording of sigs.k8s.io/yaml's strict mode.</summary>
    public string Message => $"line {Line}: key \"{Key}\" already set in map";
}

/// <summary>One document of a YAML stream: its JSON value and the duplicate keys found in it.</summary>
public sealed record KubeYamlDocument(JsonNode? Root, IReadOnlyList<YamlDuplicateKey> DuplicateKeys);

/// <summary>YAML that cannot be read as JSON-compatible data; the API server answers 400.</summary>
public sealed class KubeYamlException : FormatException
{
    public KubeYamlException(string message, int line = 0, Exception? inner = null)
        : base(line > 0 ? $"error converting YAML to JSON: yaml: line {line}: {message}" : $"error converting YAML to JSON: yaml: {message}", inner)
    {
        Line = line;
    }

    /// <summary>1-based line of the problem, 0 when unknown.</summary>
    public int Line { get; }
}

/// <summary>
/// YAML ⇄ JSON with the conventions of sigs.k8s.io/yaml (go-yaml v2 underneath): plain scalars
/// resolve YAML 1.1-style (true/false/yes/no/on/off/y/n, null/~/empty, decimal/octal/hex/binary
/// ints, floats), quoted and block scalars stay strings, keys become strings, anchors, aliases and
/// <c>&lt;&lt;</c> merge keys work, streams split on <c>---</c>. Last duplicate key wins, and each
/// duplicate is reported.
/// </summary>
public static class KubeYaml
{
    /// <summary>Deeper nesting is rejected (hostile input must not exhaust the stack).</summary>
    public const int MaxDepth = 1000;

    /// <summary>Aliases may not expand the document beyond this many nodes ("billion laughs").</summary>
    public const int MaxExpandedNodes = 1_000_000;

    /// <summary>The documents of a stream, empty documents (only comments, <c>---</c>, null) skipped.</summary>
    public static IReadOnlyList<KubeYamlDocument> ParseDocuments(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var documents = new List<KubeYamlDocument>();
        try
        {
            var parser = new Parser(new StringReader(yaml));
            Expect<StreamStart>(parser);
            while (parser.Current is not StreamEnd)
            {
                Expect<DocumentStart>(parser);
                var reader = new DocumentReader(parser);
                var root = parser.Current is DocumentEnd ? null : reader.ReadNode(0, "");
                Expect<DocumentEnd>(parser);
                if (root is not null)
                {
                    documents.Add(new KubeYamlDocument(root, reader.Duplicates));
                }
            }
        }
        catch (YamlException e)
        {
            throw new KubeYamlException(e.Message, (int)e.Start.Line, e);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IndexOutOfRangeException or OverflowException
            or KeyNotFoundException or NullReferenceException)
        {
            // The parser can fail on hostile input in ways it does not wrap itself.
            throw new KubeYamlException(e.Message, 0, e);
        }

        return documents;
    }

    /// <summary>The first non-empty document of the stream, or null when there is none.</summary>
    public static JsonNode? Parse(string yaml)
    {
        var documents = ParseDocuments(yaml);
        return documents.Count == 0 ? null : documents[0].Root;
    }

    public static JsonNode? Parse(ReadOnlySpan<byte> utf8) => Parse(Encoding.UTF8.GetString(utf8));

    /// <summary>
    /// YAML for a JSON value as kubectl prints it: block style, keys sorted, sequences not indented
    /// under their key, strings quoted when a plain scalar would read back as something else.
    /// </summary>
    public static string Serialize(JsonNode? node)
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        var emitter = new Emitter(writer, new EmitterSettings(bestIndent: 2, bestWidth: int.MaxValue, isCanonical: false, maxSimpleKeyLength: 1024));
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, isImplicit: true));
        Emit(emitter, node, 0);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return writer.ToString();
    }

    /// <summary>Several documents joined by <c>---</c>.</summary>
    public static string SerializeDocuments(IEnumerable<JsonNode?> nodes) => string.Join("---\n", nodes.Select(Serialize));

    private static void Emit(IEmitter emitter, JsonNode? node, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new KubeYamlException($"nesting exceeds {MaxDepth} levels");
        }

        switch (node)
        {
            case null:
                emitter.Emit(new Scalar(null, null, "null", ScalarStyle.Plain, true, false));
                break;
            case JsonObject obj:
                emitter.Emit(new MappingStart(null, null, true, obj.Count == 0 ? MappingStyle.Flow : MappingStyle.Block));
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    EmitString(emitter, key);
                    Emit(emitter, value, depth + 1);
                }

                emitter.Emit(new MappingEnd());
                break;
            case JsonArray array:
                emitter.Emit(new SequenceStart(null, null, true, array.Count == 0 ? SequenceStyle.Flow : SequenceStyle.Block));
                foreach (var item in array)
                {
                    Emit(emitter, item, depth + 1);
                }

                emitter.Emit(new SequenceEnd());
                break;
            case JsonValue value:
                switch (value.GetValueKind())
                {
                    case JsonValueKind.String:
                        EmitString(emitter, value.GetValue<string>());
                        break;
                    case JsonValueKind.True:
                        emitter.Emit(new Scalar(null, null, "true", ScalarStyle.Plain, true, false));
                        break;
                    case JsonValueKind.False:
                        emitter.Emit(new Scalar(null, null, "false", ScalarStyle.Plain, true, false));
                        break;
                    case JsonValueKind.Null:
                        emitter.Emit(new Scalar(null, null, "null", ScalarStyle.Plain, true, false));
                        break;
                    default:
                        emitter.Emit(new Scalar(null, null, value.ToJsonString(), ScalarStyle.Plain, true, false));
                        break;
                }

                break;
        }
    }

    private static void EmitString(IEmitter emitter, string text)
    {
        ScalarStyle style;
        if (text.Contains('\n', StringComparison.Ordinal) && !text.Any(c => char.IsControl(c) && c != '\n') && !HasTrailingSpaceOnLine(text))
        {
            style = ScalarStyle.Literal;
        }
        else if (!ResolvesToString(text) || text.Any(char.IsControl))
        {
            style = ScalarStyle.DoubleQuoted;
        }
        else
        {
            style = ScalarStyle.Any;
        }

        emitter.Emit(new Scalar(null, null, text, style, true, true));
    }

    private static bool HasTrailingSpaceOnLine(string text) =>
        text.Split('\n').Any(line => line.EndsWith(' ') || line.EndsWith('\t')) || text.StartsWith(' ') || text.StartsWith('\n');

    private static bool ResolvesToString(string text) => ResolvePlain(text, 0) is JsonValue v && v.GetValueKind() == JsonValueKind.String;

    /// <summary>The JSON value of a plain (unquoted) scalar, as go-yaml v2 resolves it.</summary>
    internal static JsonNode? ResolvePlain(string text, int line)
    {
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "y" or "Y" or "yes" or "Yes" or "YES" or "true" or "True" or "TRUE" or "on" or "On" or "ON":
                return JsonValue.Create(true);
            case "n" or "N" or "no" or "No" or "NO" or "false" or "False" or "FALSE" or "off" or "Off" or "OFF":
                return JsonValue.Create(false);
            case ".nan" or ".NaN" or ".NAN" or ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF" or "-.inf" or "-.Inf" or "-.INF":
                throw new KubeYamlException($"non-finite number \"{text}\" cannot be represented in JSON", line);
            default:
                break;
        }

        var first = text[0];
        if (!(char.IsAsciiDigit(first) || first is '+' or '-' or '.'))
        {
            return JsonValue.Create(text);
        }

        var plain = text.Replace("_", "", StringComparison.Ordinal);
        if (TryParseGoInt(plain, out var negative, out var magnitude))
        {
            if (!negative && magnitude <= long.MaxValue)
            {
                return JsonValue.Create((long)magnitude);
            }

            if (negative && magnitude <= (ulong)long.MaxValue + 1)
            {
                return JsonValue.Create(unchecked(-(long)magnitude));
            }

            if (!negative)
            {
                return JsonValue.Create(magnitude);
            }
        }

        if (IsYamlStyleFloat(plain) && double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            if (!double.IsFinite(d))
            {
                throw new KubeYamlException($"number \"{text}\" is out of range", line);
            }

            return JsonValue.Create(d);
        }

        return JsonValue.Create(text);
    }

    /// <summary>Go's strconv.ParseInt/ParseUint with base 0: sign, 0x/0o/0b prefixes, leading-0 octal.</summary>
    private static bool TryParseGoInt(string s, out bool negative, out ulong magnitude)
    {
        negative = false;
        magnitude = 0;
        var i = 0;
        if (i < s.Length && (s[i] == '+' || s[i] == '-'))
        {
            negative = s[i] == '-';
            i++;
        }

        var radix = 10;
        if (s.Length - i > 2 && s[i] == '0' && (s[i + 1] | 0x20) is 'x' or 'o' or 'b')
        {
            radix = (s[i + 1] | 0x20) switch { 'x' => 16, 'o' => 8, _ => 2 };
            i += 2;
        }
        else if (s.Length - i > 1 && s[i] == '0')
        {
            radix = 8;
            i++;
        }

        if (i >= s.Length)
        {
            return false;
        }

        for (; i < s.Length; i++)
        {
            var digit = s[i] switch
            {
                >= '0' and <= '9' => s[i] - '0',
                >= 'a' and <= 'f' => s[i] - 'a' + 10,
                >= 'A' and <= 'F' => s[i] - 'A' + 10,
                _ => 99,
            };
            if (digit >= radix)
            {
                return false;
            }

            if (magnitude > (ulong.MaxValue - (ulong)digit) / (ulong)radix)
            {
                return false;
            }

            magnitude = (magnitude * (ulong)radix) + (ulong)digit;
        }

        return true;
    }

    /// <summary>^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$</summary>
    private static bool IsYamlStyleFloat(string s)
    {
        var i = 0;
        if (i < s.Length && (s[i] == '+' || s[i] == '-'))
        {
            i++;
        }

        var intDigits = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
            intDigits++;
        }

        var fracDigits = 0;
        if (i < s.Length && s[i] == '.')
        {
            i++;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
                fracDigits++;
            }
        }

        if (intDigits == 0 && fracDigits == 0)
        {
            return false;
        }

        if (i < s.Length && (s[i] == 'e' || s[i] == 'E'))
        {
            i++;
            if (i < s.Length && (s[i] == '+' || s[i] == '-'))
            {
                i++;
            }

            var expDigits = 0;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
                expDigits++;
            }

            if (expDigits == 0)
            {
                return false;
            }
        }

        return i == s.Length;
    }

    private static void Expect<T>(IParser parser)
        where T : ParsingEvent
    {
        if (parser.Current is null)
        {
            parser.MoveNext();
        }

        if (parser.Current is not T)
        {
            throw new KubeYamlException($"unexpected {parser.Current?.GetType().Name ?? "end of stream"}", (int)(parser.Current?.Start.Line ?? 0));
        }

        parser.MoveNext();
    }

    /// <summary>Builds JSON nodes from one document's events.</summary>
    private sealed class DocumentReader(IParser parser)
    {
        private const string StrTag = "tag:yaml.org,2002:str";
        private readonly Dictionary<string, (JsonNode? Node, int Size)> anchors = new(StringComparer.Ordinal);
        private readonly List<YamlDuplicateKey> duplicates = [];
        private int nodes;

        public IReadOnlyList<YamlDuplicateKey> Duplicates => duplicates;

        public JsonNode? ReadNode(int depth, string path)
        {
            if (depth > MaxDepth)
            {
                throw new KubeYamlException($"nesting exceeds {MaxDepth} levels", (int)(parser.Current?.Start.Line ?? 0));
            }

            var current = parser.Current ?? throw new KubeYamlException("unexpected end of stream");
            parser.MoveNext();
            var before = nodes;
            JsonNode? result;
            string? anchor = null;
            switch (current)
            {
                case AnchorAlias alias:
                    if (!anchors.TryGetValue(alias.Value.Value, out var target))
                    {
                        throw new KubeYamlException($"unknown anchor '{alias.Value.Value}' referenced", (int)alias.Start.Line);
                    }

                    Count(target.Size, alias.Start.Line);
                    return target.Node?.DeepClone();
                case Scalar scalar:
                    anchor = scalar.Anchor.IsEmpty ? null : scalar.Anchor.Value;
                    Count(1, scalar.Start.Line);
                    result = ResolveScalar(scalar);
                    break;
                case SequenceStart sequence:
                    anchor = sequence.Anchor.IsEmpty ? null : sequence.Anchor.Value;
                    Count(1, sequence.Start.Line);
                    var array = new JsonArray();
                    var index = 0;
                    while (parser.Current is not SequenceEnd)
                    {
                        array.Add(ReadNode(depth + 1, $"{path}[{index++}]"));
                    }

                    parser.MoveNext();
                    result = array;
                    break;
                case MappingStart mapping:
                    anchor = mapping.Anchor.IsEmpty ? null : mapping.Anchor.Value;
                    Count(1, mapping.Start.Line);
                    result = ReadMapping(depth, path);
                    break;
                default:
                    throw new KubeYamlException($"unexpected {current.GetType().Name}", (int)current.Start.Line);
            }

            if (anchor is not null)
            {
                anchors[anchor] = (result, nodes - before);
            }

            return result;
        }

        private JsonObject ReadMapping(int depth, string path)
        {
            var obj = new JsonObject();
            var merged = new HashSet<string>(StringComparer.Ordinal);
            while (parser.Current is not MappingEnd)
            {
                var keyEvent = parser.Current ?? throw new KubeYamlException("unexpected end of stream");
                var line = (int)keyEvent.Start.Line;
                if (keyEvent is Scalar { Style: ScalarStyle.Plain, Value: "<<" } mergeKey && mergeKey.Tag.IsEmpty)
                {
                    parser.MoveNext();
                    Merge(obj, merged, ReadNode(depth + 1, path), line);
                    continue;
                }

                var key = ReadKey(depth, line);
                var childPath = path.Length == 0 ? key : path + "." + key;
                var value = ReadNode(depth + 1, childPath);
                if (obj.ContainsKey(key) && !merged.Remove(key))
                {
                    duplicates.Add(new YamlDuplicateKey(childPath, key, line));
                }

                merged.Remove(key);
                obj[key] = value;
            }

            parser.MoveNext();
            return obj;
        }

        private string ReadKey(int depth, int line)
        {
            var key = ReadNode(depth + 1, "");
            return key switch
            {
                null => "null",
                JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
                JsonValue v => v.ToJsonString(),
                _ => throw new KubeYamlException("invalid map key: a mapping or sequence cannot be a key", line),
            };
        }

        /// <summary>A merge key adds the keys of a mapping (or list of mappings) that are not set explicitly.</summary>
        private static void Merge(JsonObject into, HashSet<string> merged, JsonNode? source, int line)
        {
            var sources = source switch
            {
                JsonObject o => [o],
                JsonArray a when a.All(n => n is JsonObject) => a.Cast<JsonObject>().ToList(),
                _ => throw new KubeYamlException("map merge requires map or sequence of maps as the value", line),
            };
            foreach (var s in sources)
            {
                foreach (var (key, value) in s)
                {
                    if (!into.ContainsKey(key))
                    {
                        into[key] = value?.DeepClone();
                        merged.Add(key);
                    }
                }
            }
        }

        private void Count(int size, long line)
        {
            nodes += size;
            if (nodes > MaxExpandedNodes)
            {
                throw new KubeYamlException("document contains excessive aliasing", (int)line);
            }
        }

        private static JsonNode? ResolveScalar(Scalar scalar)
        {
            var line = (int)scalar.Start.Line;
            if (!scalar.Tag.IsEmpty)
            {
                var tag = scalar.Tag.Value;
                switch (tag)
                {
                    case StrTag or "!":
                        return JsonValue.Create(scalar.Value);
                    case "tag:yaml.org,2002:null":
                        return null;
                    case "tag:yaml.org,2002:bool" or "tag:yaml.org,2002:int" or "tag:yaml.org,2002:float":
                        var resolved = ResolvePlain(scalar.Value, line);
                        var kind = resolved?.GetValueKind();
                        var fits = tag switch
                        {
                            "tag:yaml.org,2002:bool" => kind is JsonValueKind.True or JsonValueKind.False,
                            _ => kind is JsonValueKind.Number,
                        };
                        return fits ? resolved : throw new KubeYamlException($"cannot decode {scalar.Value} as a {tag[(tag.LastIndexOf(':') + 1)..]}", line);
                    default:
                        break;
                }
            }

            return scalar.Style is ScalarStyle.Plain or ScalarStyle.Any ? ResolvePlain(scalar.Value, line) : JsonValue.Create(scalar.Value);
        }
    }
}
