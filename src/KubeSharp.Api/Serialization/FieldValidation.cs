using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KubeSharp.Api;

public enum FieldProblemKind
{
    Unknown,
    Duplicate,
}

/// <summary>One finding of strict field validation, with the path as Kubernetes words it ("spec.containers[0].foo").</summary>
public sealed record FieldProblem(FieldProblemKind Kind, string Path)
{
    /// <summary><c>unknown field "spec.foo"</c> or <c>duplicate field "metadata.name"</c>.</summary>
    public string Message => (Kind == FieldProblemKind.Unknown ? "unknown field " : "duplicate field ") + FieldValidation.GoQuote(Path);

    public override string ToString() => Message;
}

/// <summary>
/// Finds the fields a request body names that the target class does not have, and the fields it
/// names twice, the way Kubernetes' strict decoding does (sigs.k8s.io/json): names match
/// case-sensitively; the value of an unknown field is not inspected; map keys and list indexes
/// extend the path ("metadata.labels.app", "spec.ports[1].name"); values of types with their own
/// JSON form (Quantity, IntOrString, times, JsonElement) accept anything; at most
/// <see cref="MaxProblems"/> distinct problems, in document order.
/// </summary>
/// <remarks>The server answers Strict with 400 (<see cref="StrictDecodingError"/>) and Warn with one
/// <c>Warning: 299 - "..."</c> header per <see cref="FieldProblem.Message"/>.</remarks>
public static class FieldValidation
{
    public const int MaxProblems = 100;

    /// <summary>
    /// Unknown and duplicate fields of a UTF-8 JSON body. Malformed JSON throws <see cref="JsonException"/>
    /// (the body cannot be decoded at all).
    /// </summary>
    public static IReadOnlyList<FieldProblem> Validate(ReadOnlySpan<byte> utf8Json, Type type)
    {
        var problems = new Problems();
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = 10_000, CommentHandling = JsonCommentHandling.Disallow });
        if (!reader.Read())
        {
            throw new JsonException("the body is empty");
        }

        WalkJson(ref reader, ApiShape.For(type), "", problems);
        if (reader.Read())
        {
            throw new JsonException("unexpected data after the top-level value");
        }

        return problems.List;
    }

    /// <summary>Unknown fields of an already-parsed value (a JSON object cannot hold duplicates; YAML
    /// duplicates are reported by <see cref="KubeYaml"/>).</summary>
    public static IReadOnlyList<FieldProblem> Validate(JsonNode? node, Type type)
    {
        var problems = new Problems();
        WalkNode(node, ApiShape.For(type), "", problems, 0);
        return problems.List;
    }

    /// <summary>The 400 message Kubernetes gives for Strict validation failures.</summary>
    public static string StrictDecodingError(IEnumerable<FieldProblem> problems) =>
        "strict decoding error: " + string.Join(", ", problems.Select(p => p.Message));

    private static void WalkJson(ref Utf8JsonReader reader, ApiShape shape, string path, Problems problems)
    {
        switch (shape.Kind)
        {
            case ApiShapeKind.Message when reader.TokenType == JsonTokenType.StartObject:
                var model = shape.Model;
                var seen = new HashSet<string>(StringComparer.Ordinal);
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString()!;
                    reader.Read();
                    if (model.JsonProperties.TryGetValue(name, out var property))
                    {
                        var fieldPath = Join(path, name);
                        if (!seen.Add(name))
                        {
                            problems.Add(FieldProblemKind.Duplicate, fieldPath);
                        }

                        WalkJson(ref reader, property.Shape, fieldPath, problems);
                    }
                    else
                    {
                        problems.Add(FieldProblemKind.Unknown, Join(path, name));
                        reader.Skip();
                    }
                }

                break;
            case ApiShapeKind.Map when reader.TokenType == JsonTokenType.StartObject:
                var keys = new HashSet<string>(StringComparer.Ordinal);
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var key = reader.GetString()!;
                    reader.Read();
                    var keyPath = Join(path, key);
                    if (!keys.Add(key))
                    {
                        problems.Add(FieldProblemKind.Duplicate, keyPath);
                    }

                    WalkJson(ref reader, shape.Element!, keyPath, problems);
                }

                break;
            case ApiShapeKind.List when reader.TokenType == JsonTokenType.StartArray:
                var index = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    WalkJson(ref reader, shape.Element!, path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]", problems);
                    index++;
                }

                break;
            default:
                // Scalars, values with their own JSON form, and values of the wrong JSON type (a
                // type error, not a strict-field problem) are not inspected.
                reader.Skip();
                break;
        }
    }

    private static void WalkNode(JsonNode? node, ApiShape shape, string path, Problems problems, int depth)
    {
        if (depth > 10_000)
        {
            return;
        }

        switch (shape.Kind)
        {
            case ApiShapeKind.Message when node is JsonObject obj:
                var model = shape.Model;
                foreach (var (name, value) in obj)
                {
                    if (model.JsonProperties.TryGetValue(name, out var property))
                    {
                        WalkNode(value, property.Shape, Join(path, name), problems, depth + 1);
                    }
                    else
                    {
                        problems.Add(FieldProblemKind.Unknown, Join(path, name));
                    }
                }

                break;
            case ApiShapeKind.Map when node is JsonObject map:
                foreach (var (key, value) in map)
                {
                    WalkNode(value, shape.Element!, Join(path, key), problems, depth + 1);
                }

                break;
            case ApiShapeKind.List when node is JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    WalkNode(array[i], shape.Element!, path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", problems, depth + 1);
                }

                break;
            default:
                break;
        }
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    /// <summary>Go's strconv.Quote: double quotes, backslash escapes for quotes, backslashes and control characters.</summary>
    internal static string GoQuote(string s)
    {
        var b = new StringBuilder(s.Length + 2).Append('"');
        foreach (var rune in s.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '"':
                    b.Append("\\\"");
                    break;
                case '\\':
                    b.Append("\\\\");
                    break;
                case '\n':
                    b.Append("\\n");
                    break;
                case '\r':
                    b.Append("\\r");
                    break;
                case '\t':
                    b.Append("\\t");
                    break;
                case '\a':
                    b.Append("\\a");
                    break;
                case '\b':
                    b.Append("\\b");
                    break;
                case '\f':
                    b.Append("\\f");
                    break;
                case '\v':
                    b.Append("\\v");
                    break;
                default:
                    if (Rune.IsControl(rune))
                    {
                        b.Append(rune.Value < 0x80 ? $"\\x{rune.Value:x2}" : rune.Value <= 0xFFFF ? $"\\u{rune.Value:x4}" : $"\\U{rune.Value:x8}");
                    }
                    else
                    {
                        b.Append(rune.ToString());
                    }

                    break;
            }
        }

        return b.Append('"').ToString();
    }

    private sealed class Problems
    {
        private readonly HashSet<FieldProblem> seen = [];

        public List<FieldProblem> List { get; } = [];

        public void Add(FieldProblemKind kind, string path)
        {
            var problem = new FieldProblem(kind, path);
            if (List.Count < MaxProblems && seen.Add(problem))
            {
                List.Add(problem);
            }
        }
    }
}
