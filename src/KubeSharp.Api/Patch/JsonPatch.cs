using System.Text.Json;
using System.Text.Json.Nodes;

namespace KubeSharp.Api.Patch;

/// <summary>
/// JSON Patch (RFC 6902) over <see cref="JsonNode"/> documents, with JSON Pointers (RFC 6901).
/// The input document is never modified; the result is a new tree.
/// Errors follow the API server: an undecodable patch is 400, a patch that does not apply to the
/// document (missing path, failed <c>test</c>, bad index, unknown op) is 422, more than
/// <see cref="MaxOperations"/> operations is 413.
/// </summary>
public static class JsonPatch
{
    /// <summary>The API server's limit on operations in one JSON patch.</summary>
    public const int MaxOperations = 10000;

    /// <summary>Parses <paramref name="patchJson"/> and applies it to a copy of <paramref name="document"/>.</summary>
    public static JsonNode? Apply(JsonNode? document, string patchJson)
    {
        JsonNode? patch;
        try
        {
            patch = JsonNode.Parse(patchJson);
        }
        catch (JsonException e)
        {
            throw PatchException.Malformed(e.Message);
        }

        return Apply(document, patch);
    }

    /// <summary>Applies the operations of <paramref name="patch"/> (a JSON array) to a copy of <paramref name="document"/>.</summary>
    public static JsonNode? Apply(JsonNode? document, JsonNode? patch)
    {
        if (patch is not JsonArray operations)
        {
            throw PatchException.Malformed($"json: cannot unmarshal {KindName(patch)} into Go value of type jsonpatch.Patch");
        }

        foreach (var operation in operations)
        {
            if (operation is not JsonObject)
            {
                throw PatchException.Malformed($"json: cannot unmarshal {KindName(operation)} into Go value of type jsonpatch.Operation");
            }
        }

        if (operations.Count > MaxOperations)
        {
            throw new PatchException(
                PatchException.RequestEntityTooLarge,
                $"The allowed maximum operations in a JSON patch is {MaxOperations}, got {operations.Count}");
        }

        var root = new DocumentRoot(document?.DeepClone());
        foreach (var operation in operations)
        {
            ApplyOperation(root, (JsonObject)operation!);
        }

        return root.Value;
    }

    private static void ApplyOperation(DocumentRoot root, JsonObject operation)
    {
        var op = operation["op"] is JsonValue opValue && opValue.GetValueKind() == JsonValueKind.String
            ? opValue.GetValue<string>()
            : "unknown";
        switch (op)
        {
            case "add":
                Add(root, RequiredPointer(operation, "path", op), RequiredValue(operation, op)?.DeepClone(), op);
                break;
            case "remove":
                Remove(root, RequiredPointer(operation, "path", op), op);
                break;
            case "replace":
                Replace(root, RequiredPointer(operation, "path", op), RequiredValue(operation, op)?.DeepClone());
                break;
            case "move":
                Move(root, RequiredPointer(operation, "from", op), RequiredPointer(operation, "path", op));
                break;
            case "copy":
                Copy(root, RequiredPointer(operation, "from", op), RequiredPointer(operation, "path", op));
                break;
            case "test":
                Test(root, RequiredPointer(operation, "path", op), RequiredValue(operation, op));
                break;
            default:
                throw PatchException.DoesNotApply($"Unexpected kind: {op}");
        }
    }

    private static void Add(DocumentRoot root, JsonPointer path, JsonNode? value, string op)
    {
        if (path.IsRoot)
        {
            root.Value = value;
            return;
        }

        switch (ResolveParent(root, path))
        {
            case JsonObject parent:
                parent[path.Last] = value;
                break;
            case JsonArray parent:
                var index = path.Last == "-" ? parent.Count : ParseIndex(path.Last, parent.Count, allowEnd: true);
                parent.Insert(index, value);
                break;
            default:
                throw MissingPath(op, path);
        }
    }

    private static JsonNode? Remove(DocumentRoot root, JsonPointer path, string op)
    {
        if (path.IsRoot)
        {
            var removed = root.Value;
            root.Value = null;
            return removed;
        }

        switch (ResolveParent(root, path))
        {
            case JsonObject parent:
                if (!parent.TryGetPropertyValue(path.Last, out var value))
                {
                    throw PatchException.DoesNotApply(
                        $"error in {op} for path: '{path}': Unable to remove nonexistent key: {path.Last}: missing value");
                }

                parent.Remove(path.Last);
                return value;
            case JsonArray parent:
                var index = ParseIndex(path.Last, parent.Count, allowEnd: false);
                var item = parent[index];
                parent.RemoveAt(index);
                return item;
            default:
                throw MissingPath(op, path);
        }
    }

    private static void Replace(DocumentRoot root, JsonPointer path, JsonNode? value)
    {
        if (path.IsRoot)
        {
            root.Value = value;
            return;
        }

        switch (ResolveParent(root, path))
        {
            case JsonObject parent when parent.ContainsKey(path.Last):
                parent[path.Last] = value;
                break;
            case JsonArray parent:
                var index = ParseIndex(path.Last, parent.Count, allowEnd: false);
                parent[index] = value;
                break;
            default:
                throw PatchException.DoesNotApply($"replace operation does not apply: doc is missing key: {path}: missing value");
        }
    }

    private static void Move(DocumentRoot root, JsonPointer from, JsonPointer path)
    {
        if (from.Equals(path))
        {
            if (!TryGet(root, from, out _))
            {
                throw PatchException.DoesNotApply($"move operation does not apply: doc is missing from path: {from}: missing value");
            }

            return;
        }

        if (from.IsProperPrefixOf(path))
        {
            throw PatchException.DoesNotApply($"move operation does not apply: the from location {from} is a prefix of the path {path}");
        }

        if (!TryGet(root, from, out _))
        {
            throw PatchException.DoesNotApply($"move operation does not apply: doc is missing from path: {from}: missing value");
        }

        var value = Remove(root, from, "move");
        Add(root, path, value, "move");
    }

    private static void Copy(DocumentRoot root, JsonPointer from, JsonPointer path)
    {
        if (!TryGet(root, from, out var value))
        {
            throw PatchException.DoesNotApply($"copy operation does not apply: doc is missing from path: {from}: missing value");
        }

        Add(root, path, value?.DeepClone(), "copy");
    }

    private static void Test(DocumentRoot root, JsonPointer path, JsonNode? expected)
    {
        if (!TryGet(root, path, out var actual) || !JsonEquality.Equal(actual, expected))
        {
            throw PatchException.DoesNotApply($"testing value {path} failed: test failed");
        }
    }

    private static bool TryGet(DocumentRoot root, JsonPointer path, out JsonNode? value)
    {
        value = null;
        if (path.IsRoot)
        {
            value = root.Value;
            return true;
        }

        switch (ResolveParent(root, path))
        {
            case JsonObject parent:
                return parent.TryGetPropertyValue(path.Last, out value);
            case JsonArray parent:
                if (!TryParseIndex(path.Last, out var index) || index >= parent.Count)
                {
                    return false;
                }

                value = parent[index];
                return true;
            default:
                return false;
        }
    }

    /// <summary>The container that holds the last token of <paramref name="path"/>, or null if it does not exist.</summary>
    private static JsonNode? ResolveParent(DocumentRoot root, JsonPointer path)
    {
        var current = root.Value;
        for (var i = 0; i < path.Tokens.Count - 1; i++)
        {
            var token = path.Tokens[i];
            current = current switch
            {
                JsonObject obj => obj.TryGetPropertyValue(token, out var child) ? child : null,
                JsonArray array => TryParseIndex(token, out var index) && index < array.Count ? array[index] : null,
                _ => null,
            };
            if (current is null)
            {
                return null;
            }
        }

        return current;
    }

    private static int ParseIndex(string token, int count, bool allowEnd)
    {
        if (!TryParseIndex(token, out var index))
        {
            throw PatchException.DoesNotApply($"value was not a proper array index: '{token}'");
        }

        if (index > count || (!allowEnd && index == count))
        {
            throw PatchException.DoesNotApply($"Unable to access invalid index: {index}: invalid index referenced");
        }

        return index;
    }

    /// <summary>RFC 6901 array index: "0" or digits without a leading zero.</summary>
    private static bool TryParseIndex(string token, out int index)
    {
        index = -1;
        if (token.Length == 0 || (token.Length > 1 && token[0] == '0'))
        {
            return false;
        }

        foreach (var c in token)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return int.TryParse(token, out index);
    }

    private static PatchException MissingPath(string op, JsonPointer path) =>
        PatchException.DoesNotApply($"{op} operation does not apply: doc is missing path: \"{path}\": missing value");

    private static JsonPointer RequiredPointer(JsonObject operation, string member, string op)
    {
        if (operation[member] is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
        {
            throw PatchException.DoesNotApply($"{op} operation, missing {member} field: missing value");
        }

        return JsonPointer.Parse(value.GetValue<string>());
    }

    private static JsonNode? RequiredValue(JsonObject operation, string op)
    {
        if (!operation.TryGetPropertyValue("value", out var value))
        {
            throw PatchException.DoesNotApply($"{op} operation, missing value field: missing value");
        }

        return value;
    }

    private static string KindName(JsonNode? node) => (node?.GetValueKind() ?? JsonValueKind.Null) switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "bool",
        _ => "null",
    };

    private sealed class DocumentRoot(JsonNode? value)
    {
        public JsonNode? Value { get; set; } = value;
    }
}
