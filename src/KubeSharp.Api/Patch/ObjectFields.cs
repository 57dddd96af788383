using System.Text.Json.Nodes;

namespace KubeSharp.Api.Patch;

/// <summary>
/// Field-level views of an object for server-side apply, following structured-merge-diff's model:
/// structs and maps are granular, merge-by-key lists are associative (items addressed by key),
/// set lists address items by value, everything else (scalars, atomic lists, opaque JSON, fields not
/// in the type) is a leaf.
/// </summary>
internal static class ObjectFields
{
    /// <summary>Fields the API server manages itself; they are never owned by a field manager.</summary>
    private static readonly string[][] StrippedPaths =
    [
        ["f:apiVersion"],
        ["f:kind"],
        ["f:metadata"],
        ["f:metadata", "f:name"],
        ["f:metadata", "f:namespace"],
        ["f:metadata", "f:creationTimestamp"],
        ["f:metadata", "f:selfLink"],
        ["f:metadata", "f:uid"],
        ["f:metadata", "f:generation"],
        ["f:metadata", "f:managedFields"],
        ["f:metadata", "f:resourceVersion"],
    ];

    /// <summary>
    /// The owned-field set of <paramref name="value"/> and, when <paramref name="old"/> is given, the
    /// paths whose value is new or different from <paramref name="old"/> (added or modified).
    /// Server-managed metadata and <paramref name="ignoredFields"/> (top-level names) are left out.
    /// </summary>
    public static (FieldSet Fields, FieldSet Changed) Collect(JsonObject value, JsonObject? old, ValueSchema schema, IReadOnlyCollection<string>? ignoredFields = null)
    {
        var fields = new FieldSet();
        var changed = new FieldSet();
        VisitObjectMembers(value, old, schema, [], fields, changed);
        StripServerManaged(fields, ignoredFields);
        StripServerManaged(changed, ignoredFields);
        return (fields, changed);
    }

    /// <summary>The changed paths of <see cref="Collect"/> alone (an update's managedFields need no more).</summary>
    public static FieldSet CollectChanged(JsonObject value, JsonObject? old, ValueSchema schema, IReadOnlyCollection<string>? ignoredFields = null)
    {
        var changed = new FieldSet();
        VisitObjectMembers(value, old, schema, [], null, changed);
        StripServerManaged(changed, ignoredFields);
        return changed;
    }

    private static void StripServerManaged(FieldSet set, IReadOnlyCollection<string>? ignoredFields)
    {
        foreach (var path in StrippedPaths)
        {
            set.Remove(path);
        }

        foreach (var name in ignoredFields ?? [])
        {
            set.RemoveAtOrBelow([FieldSet.Field(name)]);
        }
    }

    private static void VisitObjectMembers(JsonObject value, JsonObject? old, ValueSchema? schema, List<string> path, FieldSet? fields, FieldSet changed)
    {
        foreach (var (name, child) in value)
        {
            var oldExists = old is not null && old.TryGetPropertyValue(name, out _);
            var oldChild = oldExists ? old![name] : null;
            var childSchema = schema?.Child(name);
            path.Add(FieldSet.Field(name));
            if (schema?.Shape == ValueShape.Struct && childSchema is null)
            {
                Leaf(child, oldChild, oldExists, path, fields, changed);
            }
            else
            {
                if (schema?.Shape == ValueShape.Map)
                {
                    Member(oldExists, path, fields, changed);
                }

                Visit(child, oldChild, oldExists, childSchema, path, fields, changed);
            }

            path.RemoveAt(path.Count - 1);
        }
    }

    private static void Visit(JsonNode? value, JsonNode? old, bool oldExists, ValueSchema? schema, List<string> path, FieldSet? fields, FieldSet changed)
    {
        if (value is JsonObject obj && obj.Count > 0 && schema is { Shape: ValueShape.Struct or ValueShape.Map })
        {
            VisitObjectMembers(obj, old as JsonObject, schema, path, fields, changed);
            return;
        }

        if (value is JsonArray array && schema is { Shape: ValueShape.List, ListStrategy: ListStrategy.MergeByKey or ListStrategy.Set })
        {
            var oldArray = old as JsonArray;
            foreach (var item in array)
            {
                var element = ItemElement(item, schema);
                JsonNode? oldItem = null;
                var oldItemExists = oldArray is not null && FindSameItem(oldArray, item, schema, out oldItem);
                path.Add(element);
                Member(oldItemExists, path, fields, changed);
                if (schema.ListStrategy == ListStrategy.MergeByKey && item is JsonObject itemObject)
                {
                    VisitObjectMembers(itemObject, oldItem as JsonObject, schema.Items, path, fields, changed);
                }

                path.RemoveAt(path.Count - 1);
            }

            return;
        }

        Leaf(value, old, oldExists, path, fields, changed);
    }

    private static void Member(bool oldExists, List<string> path, FieldSet? fields, FieldSet changed)
    {
        fields?.Insert(path);
        if (!oldExists)
        {
            changed.Insert(path);
        }
    }

    private static void Leaf(JsonNode? value, JsonNode? old, bool oldExists, List<string> path, FieldSet? fields, FieldSet changed)
    {
        fields?.Insert(path);
        if (!oldExists || !JsonEquality.Equal(old, value))
        {
            changed.Insert(path);
        }
    }

    /// <summary>The path element of a list item: k:{key} for keyed lists, v:value for sets.</summary>
    public static string ItemElement(JsonNode? item, ValueSchema listSchema)
    {
        if (listSchema.ListStrategy == ListStrategy.Set)
        {
            return FieldSet.Value(item);
        }

        var key = listSchema.MergeKey!;
        if (item is not JsonObject obj || !obj.TryGetPropertyValue(key, out var keyValue) || keyValue is null)
        {
            throw PatchException.DoesNotApply($"associative list with keys has an element that omits key field \"{key}\"");
        }

        return FieldSet.Key(new JsonObject { [key] = keyValue.DeepClone() });
    }

    /// <summary>
    /// Finds the item of <paramref name="array"/> that <paramref name="item"/>'s path element names
    /// (the same item <see cref="FindItem"/> finds for <see cref="ItemElement"/>), without encoding
    /// and re-reading the element. <paramref name="item"/> has passed <see cref="ItemElement"/>.
    /// </summary>
    private static bool FindSameItem(JsonArray array, JsonNode? item, ValueSchema listSchema, out JsonNode? found)
    {
        found = null;
        if (listSchema.ListStrategy == ListStrategy.Set)
        {
            foreach (var candidate in array)
            {
                if (JsonEquality.Equal(candidate, item))
                {
                    found = candidate;
                    return true;
                }
            }

            return false;
        }

        var key = listSchema.MergeKey!;
        var keyValue = item![key];
        foreach (var candidate in array)
        {
            if (candidate is JsonObject obj && obj.TryGetPropertyValue(key, out var candidateKey) && JsonEquality.Equal(candidateKey, keyValue))
            {
                found = candidate;
                return true;
            }
        }

        return false;
    }

    /// <summary>Finds the list item a k: or v: element names.</summary>
    private static bool FindItem(JsonArray array, string element, out JsonNode? item)
    {
        item = null;
        var body = element[2..];
        if (element.StartsWith("k:", StringComparison.Ordinal))
        {
            if (JsonNode.Parse(body) is not JsonObject keys)
            {
                return false;
            }

            foreach (var candidate in array)
            {
                if (candidate is JsonObject obj && keys.All(k => obj.TryGetPropertyValue(k.Key, out var v) && JsonEquality.Equal(v, k.Value)))
                {
                    item = candidate;
                    return true;
                }
            }

            return false;
        }

        if (element.StartsWith("v:", StringComparison.Ordinal))
        {
            var wanted = JsonNode.Parse(body);
            foreach (var candidate in array)
            {
                if (JsonEquality.Equal(candidate, wanted))
                {
                    item = candidate;
                    return true;
                }
            }

            return false;
        }

        if (element.StartsWith("i:", StringComparison.Ordinal) && int.TryParse(body, out var index) && index >= 0 && index < array.Count)
        {
            item = array[index];
            return true;
        }

        return false;
    }

    /// <summary>True when a value exists at the path (JSON null counts as existing).</summary>
    public static bool Exists(JsonNode? root, IReadOnlyList<string> path)
    {
        var current = root;
        foreach (var element in path)
        {
            if (!Step(current, element, out current))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Removes the value at the path; a missing path is ignored.</summary>
    public static void Remove(JsonNode root, IReadOnlyList<string> path)
    {
        if (path.Count == 0)
        {
            return;
        }

        var parent = root;
        for (var i = 0; i < path.Count - 1; i++)
        {
            if (!Step(parent, path[i], out parent))
            {
                return;
            }
        }

        var last = path[^1];
        switch (parent)
        {
            case JsonObject obj when last.StartsWith("f:", StringComparison.Ordinal):
                obj.Remove(last[2..]);
                break;
            case JsonArray array when FindItem(array, last, out var item):
                array.Remove(item);
                break;
        }
    }

    internal static bool Step(JsonNode? current, string element, out JsonNode? next)
    {
        next = null;
        switch (current)
        {
            case JsonObject obj when element.StartsWith("f:", StringComparison.Ordinal):
                return obj.TryGetPropertyValue(element[2..], out next);
            case JsonArray array:
                return FindItem(array, element, out next);
            default:
                return false;
        }
    }

    /// <summary>
    /// Merges an applied configuration into a live value (both owned by the caller; the result may
    /// reuse their nodes). Granular positions merge, keyed lists and sets merge by item, leaves are
    /// replaced. A null in the applied configuration removes the field.
    /// </summary>
    public static JsonNode? Merge(JsonNode? live, JsonNode? applied, ValueSchema? schema)
    {
        if (applied is JsonObject appliedObject && schema is { Shape: ValueShape.Struct or ValueShape.Map })
        {
            // A live object is changed in place (keeping member order) and returned.
            var result = live as JsonObject ?? [];
            foreach (var (name, value) in appliedObject.ToList())
            {
                appliedObject.Remove(name);
                if (value is null)
                {
                    result.Remove(name);
                    continue;
                }

                result.TryGetPropertyValue(name, out var liveValue);
                var childSchema = schema.Child(name);
                var merged = schema.Shape == ValueShape.Struct && childSchema is null ? value : Merge(liveValue, value, childSchema);
                if (!ReferenceEquals(merged, liveValue))
                {
                    result[name] = merged;
                }
            }

            return result;
        }

        if (applied is JsonArray appliedArray && schema is { Shape: ValueShape.List, ListStrategy: ListStrategy.MergeByKey or ListStrategy.Set })
        {
            return MergeList(live as JsonArray, appliedArray, schema);
        }

        return applied is null ? null : Detach(applied);
    }

    /// <summary>
    /// Merges list items: live items keep their order, applied items are placed in applied order, a
    /// live item absent from the applied list stays where it was relative to the items around it.
    /// </summary>
    private static JsonArray MergeList(JsonArray? live, JsonArray applied, ValueSchema schema)
    {
        var liveItems = live?.ToList() ?? [];
        var appliedItems = applied.ToList();
        live?.Clear();
        applied.Clear();

        var liveElements = liveItems.Select(item => SafeElement(item, schema)).ToList();
        var appliedElements = appliedItems.Select(item => ItemElement(item, schema)).ToList();
        var appliedSet = appliedElements.ToHashSet(StringComparer.Ordinal);

        var result = new JsonArray();
        var emitted = new HashSet<string>(StringComparer.Ordinal);
        int l = 0, a = 0;
        while (l < liveItems.Count || a < appliedItems.Count)
        {
            if (l < liveItems.Count && emitted.Contains(liveElements[l] ?? ""))
            {
                l++;
                continue;
            }

            if (l < liveItems.Count && (liveElements[l] is null || !appliedSet.Contains(liveElements[l]!)))
            {
                result.Add(liveItems[l]);
                l++;
                continue;
            }

            if (a < appliedItems.Count)
            {
                var element = appliedElements[a];
                if (emitted.Add(element))
                {
                    var liveIndex = liveElements.IndexOf(element);
                    var liveItem = liveIndex >= 0 ? liveItems[liveIndex] : null;
                    result.Add(schema.ListStrategy == ListStrategy.Set ? appliedItems[a] : Merge(liveItem, appliedItems[a], schema.Items));
                }

                a++;
                continue;
            }

            l++;
        }

        return result;
    }

    private static string? SafeElement(JsonNode? item, ValueSchema schema)
    {
        try
        {
            return ItemElement(item, schema);
        }
        catch (PatchException)
        {
            return null;
        }
    }

    private static T Detach<T>(T node)
        where T : JsonNode
    {
        switch (node.Parent)
        {
            case JsonObject parent:
                parent.Remove(node.GetPropertyName());
                break;
            case JsonArray parent:
                parent.RemoveAt(node.GetElementIndex());
                break;
        }

        return node;
    }
}
