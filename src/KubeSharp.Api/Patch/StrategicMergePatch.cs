using System.Text.Json;
using System.Text.Json.Nodes;

namespace KubeSharp.Api.Patch;

/// <summary>
/// Kubernetes' strategic merge patch, applied server-side to built-in kinds. The C# type supplies the
/// patch metadata (<see cref="ValueSchema"/>): maps merge recursively and null deletes; lists marked
/// <c>[PatchMerge(key)]</c> merge their objects by key, <c>[PatchMerge]</c> lists merge as sets, other
/// lists are replaced. Directives: <c>$patch</c> (replace/delete/merge on maps and list elements),
/// <c>$retainKeys</c>, <c>$setElementOrder/&lt;field&gt;</c>, <c>$deleteFromPrimitiveList/&lt;field&gt;</c>.
/// Inputs are never modified. Malformed patches throw <see cref="PatchException"/>.
/// </summary>
public static class StrategicMergePatch
{
    private const string PatchDirective = "$patch";
    private const string RetainKeysDirective = "$retainKeys";
    private const string SetElementOrderPrefix = "$setElementOrder/";
    private const string DeleteFromPrimitiveListPrefix = "$deleteFromPrimitiveList/";

    /// <summary>Parses <paramref name="patchJson"/> (a JSON object) and applies it to a copy of <paramref name="original"/>.</summary>
    public static JsonObject Apply(JsonObject original, string patchJson, Type type)
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

        if (patch is not JsonObject patchObject)
        {
            throw PatchException.Malformed("invalid JSON document");
        }

        return Apply(original, patchObject, type);
    }

    /// <summary>Applies <paramref name="patch"/> to a copy of <paramref name="original"/>, an object of <paramref name="type"/>.</summary>
    public static JsonObject Apply(JsonObject original, JsonObject patch, Type type) =>
        MergeMap((JsonObject)original.DeepClone(), (JsonObject)patch.DeepClone(), ValueSchema.For(type));

    /// <summary>Merges <paramref name="patch"/> into <paramref name="original"/>; both are owned (may be reused or changed).</summary>
    private static JsonObject MergeMap(JsonObject original, JsonObject patch, ValueSchema? schema)
    {
        if (patch.TryGetPropertyValue(PatchDirective, out var directive) && !IsDeclaredField(schema, PatchDirective))
        {
            patch.Remove(PatchDirective);
            switch (DirectiveName(directive))
            {
                case "replace":
                    return MergeMap([], patch, schema);
                case "delete":
                    return [];
                case "merge":
                    break;
                default:
                    throw PatchException.Malformed($"unknown patch type: {directive?.ToJsonString()} in map: {patch.ToJsonString()}");
            }
        }

        ApplyRetainKeys(original, patch, schema);
        ApplySetElementOrders(original, patch, schema);

        foreach (var (key, patchValue) in patch.ToList())
        {
            patch.Remove(key);
            if (key.StartsWith('$') && !IsDeclaredField(schema, key))
            {
                if (key.StartsWith(DeleteFromPrimitiveListPrefix, StringComparison.Ordinal))
                {
                    DeleteFromPrimitiveList(original, key[DeleteFromPrimitiveListPrefix.Length..], patchValue);
                    continue;
                }

                if (key.StartsWith("$deleteFromPrimitiveList", StringComparison.Ordinal))
                {
                    throw PatchException.Malformed("invalid patch format of primitive list");
                }

                if (key.StartsWith("$setElementOrder", StringComparison.Ordinal))
                {
                    throw PatchException.Malformed("invalid patch format of setElementOrder list");
                }

                if (schema is null || schema.Shape == ValueShape.Struct)
                {
                    throw PatchException.Malformed($"unknown patch directive: {key}");
                }
            }

            if (patchValue is null)
            {
                original.Remove(key);
                continue;
            }

            var childSchema = schema?.Child(key);
            original.TryGetPropertyValue(key, out var originalValue);
            var merged = MergeValue(originalValue, patchValue, childSchema);
            if (!ReferenceEquals(merged, originalValue))
            {
                original[key] = merged; // Replacing in place keeps the member's position.
            }
        }

        return original;
    }

    /// <summary>
    /// The merged value of one field. <paramref name="patch"/> is detached and owned;
    /// <paramref name="original"/> may be changed in place and returned (it stays attached).
    /// </summary>
    private static JsonNode? MergeValue(JsonNode? original, JsonNode patch, ValueSchema? schema)
    {
        switch (patch)
        {
            case JsonObject patchObject:
                return MergeMap(original as JsonObject ?? [], patchObject, schema);
            case JsonArray patchArray when IsMergeList(schema):
                return MergeList(original as JsonArray ?? [], patchArray, schema!);
            default:
                return patch;
        }
    }

    private static bool IsMergeList(ValueSchema? schema) =>
        schema is { Shape: ValueShape.List, ListStrategy: ListStrategy.MergeByKey or ListStrategy.Set };

    /// <summary>Merges a merge-strategy list; both arrays are owned and detached.</summary>
    private static JsonArray MergeList(JsonArray original, JsonArray patch, ValueSchema schema)
    {
        if (original.Count == 0 && patch.Count == 0)
        {
            return original;
        }

        var elementKind = ElementKind(original, patch);
        if (elementKind == JsonValueKind.Object)
        {
            return MergeObjectList(original, patch, schema);
        }

        var merged = new List<JsonNode?>();
        foreach (var item in original.Concat(patch))
        {
            if (!merged.Any(m => JsonEquality.Equal(m, item)))
            {
                merged.Add(item);
            }
        }

        var patchItems = patch.ToList();
        var ordered = Reorder(merged, patchItems, original.ToList(), key: null);
        return ToArray(ordered);
    }

    private static JsonArray MergeObjectList(JsonArray original, JsonArray patch, ValueSchema schema)
    {
        var mergeKey = schema.MergeKey
            ?? throw PatchException.Malformed("cannot merge lists without merge key for type map");
        var itemSchema = schema.Items;

        var originalItems = original.ToList();
        var plainPatchItems = new List<JsonNode?>();
        var replace = false;
        foreach (var item in patch)
        {
            var element = (JsonObject)item!;
            if (!element.TryGetPropertyValue(PatchDirective, out var directive))
            {
                plainPatchItems.Add(element);
                continue;
            }

            switch (DirectiveName(directive))
            {
                case "delete":
                    if (!element.TryGetPropertyValue(mergeKey, out var keyValue))
                    {
                        throw NoMergeKey(element, mergeKey);
                    }

                    originalItems.RemoveAll(o => o is JsonObject candidate
                        && candidate.TryGetPropertyValue(mergeKey, out var candidateKey)
                        && JsonEquality.Equal(candidateKey, keyValue));
                    break;
                case "replace":
                    replace = true;
                    break;
                case "merge":
                    element.Remove(PatchDirective);
                    if (element.Count > 0)
                    {
                        plainPatchItems.Add(element);
                    }

                    break;
                default:
                    throw PatchException.Malformed($"unknown patch type: {directive?.ToJsonString()} in map: {element.ToJsonString()}");
            }
        }

        DetachAll(original);
        DetachAll(patch);

        if (replace)
        {
            return ToArray(plainPatchItems.Select(item => (JsonNode?)MergeMap([], (JsonObject)item!, itemSchema)));
        }

        var merged = new List<JsonNode?>(originalItems);
        foreach (var item in plainPatchItems)
        {
            var element = (JsonObject)item!;
            if (!element.TryGetPropertyValue(mergeKey, out var keyValue))
            {
                throw NoMergeKey(element, mergeKey);
            }

            var index = merged.FindIndex(o => KeyEquals(o, mergeKey, keyValue));
            if (index >= 0)
            {
                merged[index] = MergeMap((JsonObject)merged[index]!, (JsonObject)element.DeepClone(), itemSchema);
            }
            else
            {
                merged.Add(MergeMap([], (JsonObject)element.DeepClone(), itemSchema));
            }
        }

        return ToArray(Reorder(merged, plainPatchItems, originalItems, mergeKey));
    }

    /// <summary>
    /// The upstream ordering rule: items named by <paramref name="order"/> keep that relative order,
    /// the others (server-only) keep their relative order from <paramref name="serverOrder"/>, and the
    /// two sequences are interleaved so that a server-only item goes before a named item only when
    /// both exist on the server and it was before it there.
    /// </summary>
    private static List<JsonNode?> Reorder(List<JsonNode?> merged, List<JsonNode?> order, List<JsonNode?> serverOrder, string? key)
    {
        var named = new List<JsonNode?>();
        var serverOnly = new List<JsonNode?>();
        foreach (var item in merged)
        {
            (IndexOf(order, item, key) >= 0 ? named : serverOnly).Add(item);
        }

        named = [.. named.OrderBy(item => IndexOf(order, item, key))];
        serverOnly = [.. serverOnly.OrderBy(item => IndexOf(serverOrder, item, key))];

        var result = new List<JsonNode?>(merged.Count);
        int i = 0, j = 0;
        while (i < serverOnly.Count || j < named.Count)
        {
            if (j >= named.Count)
            {
                result.Add(serverOnly[i++]);
            }
            else if (i >= serverOnly.Count)
            {
                result.Add(named[j++]);
            }
            else
            {
                var left = IndexOf(serverOrder, serverOnly[i], key);
                var right = IndexOf(serverOrder, named[j], key);
                result.Add(left >= 0 && right >= 0 && left < right ? serverOnly[i++] : named[j++]);
            }
        }

        return result;
    }

    private static int IndexOf(List<JsonNode?> list, JsonNode? item, string? key)
    {
        if (key is null)
        {
            return list.FindIndex(candidate => JsonEquality.Equal(candidate, item));
        }

        if (item is not JsonObject obj || !obj.TryGetPropertyValue(key, out var keyValue))
        {
            return -1;
        }

        return list.FindIndex(candidate => KeyEquals(candidate, key, keyValue));
    }

    private static bool KeyEquals(JsonNode? candidate, string key, JsonNode? keyValue) =>
        candidate is JsonObject obj && obj.TryGetPropertyValue(key, out var candidateKey) && JsonEquality.Equal(candidateKey, keyValue);

    private static void ApplyRetainKeys(JsonObject original, JsonObject patch, ValueSchema? schema)
    {
        if (!patch.TryGetPropertyValue(RetainKeysDirective, out var retainKeys) || IsDeclaredField(schema, RetainKeysDirective))
        {
            return;
        }

        patch.Remove(RetainKeysDirective);
        if (retainKeys is not JsonArray list || list.Any(k => k?.GetValueKind() != JsonValueKind.String))
        {
            throw PatchException.Malformed("invalid patch format of retainKeys");
        }

        var retained = list.Select(k => k!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        foreach (var (key, value) in patch)
        {
            if (value is not null && !key.StartsWith('$') && !retained.Contains(key))
            {
                throw PatchException.Malformed("invalid patch format of retainKeys");
            }
        }

        foreach (var key in original.Select(p => p.Key).ToList())
        {
            if (!retained.Contains(key))
            {
                original.Remove(key);
            }
        }
    }

    private static void ApplySetElementOrders(JsonObject original, JsonObject patch, ValueSchema? schema)
    {
        foreach (var (directiveKey, orderNode) in patch.ToList())
        {
            if (!directiveKey.StartsWith(SetElementOrderPrefix, StringComparison.Ordinal) || IsDeclaredField(schema, directiveKey))
            {
                continue;
            }

            patch.Remove(directiveKey);
            var field = directiveKey[SetElementOrderPrefix.Length..];
            if (orderNode is not JsonArray orderArray)
            {
                throw PatchException.Malformed("invalid patch format of setElementOrder list");
            }

            var fieldSchema = schema?.Child(field);
            var key = fieldSchema?.ListStrategy == ListStrategy.MergeByKey ? fieldSchema.MergeKey : null;
            var order = orderArray.ToList();
            if (key is not null && order.Any(o => o is not JsonObject item || !item.ContainsKey(key)))
            {
                throw PatchException.Malformed("invalid patch format of setElementOrder list");
            }

            var foundOriginal = original.TryGetPropertyValue(field, out var originalValue) && originalValue is not null;
            var foundPatch = patch.TryGetPropertyValue(field, out var patchValue);
            if (foundPatch && patchValue is null)
            {
                continue; // The field is being deleted; the main pass removes it.
            }

            if ((foundOriginal && originalValue is not JsonArray) || (foundPatch && patchValue is not JsonArray))
            {
                throw PatchException.Malformed("invalid patch format of setElementOrder list");
            }

            if (foundPatch)
            {
                ValidateAgainstOrder((JsonArray)patchValue!, order, key);
            }

            if (!foundOriginal && !foundPatch)
            {
                continue;
            }

            var serverOrder = foundOriginal ? ((JsonArray)originalValue!).ToList() : [];
            JsonNode? merged = foundPatch
                ? MergeValue(foundOriginal ? originalValue : null, patchValue!, fieldSchema)
                : originalValue;
            if (foundPatch)
            {
                patch.Remove(field);
            }

            if (merged is JsonArray mergedArray)
            {
                var items = mergedArray.ToList();
                DetachAll(mergedArray);
                original[field] = ToArray(Reorder(items, order, serverOrder, key));
            }
            else
            {
                original[field] = merged;
            }
        }
    }

    /// <summary>The non-directive items of the patch list must appear in $setElementOrder in the same relative order.</summary>
    private static void ValidateAgainstOrder(JsonArray patchList, List<JsonNode?> order, string? key)
    {
        var items = patchList.Where(item => item is not JsonObject obj || !obj.ContainsKey(PatchDirective)).ToList();
        int patchIndex = 0, orderIndex = 0;
        while (patchIndex < items.Count && orderIndex < order.Count)
        {
            var equal = key is null
                ? JsonEquality.Equal(items[patchIndex], order[orderIndex])
                : items[patchIndex] is JsonObject item && item.TryGetPropertyValue(key, out var keyValue) && KeyEquals(order[orderIndex], key, keyValue);
            if (equal)
            {
                patchIndex++;
            }

            orderIndex++;
        }

        if (patchIndex < items.Count && order.Count > 0)
        {
            throw PatchException.Malformed(
                $"The order in patch list:\n{patchList.ToJsonString()}\n doesn't match $setElementOrder list:\n{new JsonArray([.. order.Select(o => o?.DeepClone())]).ToJsonString()}\n");
        }
    }

    private static void DeleteFromPrimitiveList(JsonObject original, string field, JsonNode? toDelete)
    {
        if (toDelete is not JsonArray deletions)
        {
            throw PatchException.Malformed("invalid patch format of primitive list");
        }

        if (original[field] is not JsonArray list)
        {
            return;
        }

        for (var i = list.Count - 1; i >= 0; i--)
        {
            if (deletions.Any(d => JsonEquality.Equal(d, list[i])))
            {
                list.RemoveAt(i);
            }
        }
    }

    private static JsonValueKind ElementKind(JsonArray original, JsonArray patch)
    {
        JsonValueKind? kind = null;
        foreach (var item in original.Concat(patch))
        {
            var itemKind = item?.GetValueKind() ?? JsonValueKind.Null;
            if (itemKind == JsonValueKind.Array)
            {
                throw PatchException.DoesNotApply("lists of lists are not supported");
            }

            var normalized = itemKind is JsonValueKind.True or JsonValueKind.False ? JsonValueKind.True : itemKind;
            if (kind is not null && kind != normalized)
            {
                throw PatchException.Malformed($"list element types are not identical: {original.ToJsonString()} {patch.ToJsonString()}");
            }

            kind = normalized;
        }

        return kind ?? JsonValueKind.Null;
    }

    private static bool IsDeclaredField(ValueSchema? schema, string name) =>
        schema is { Shape: ValueShape.Struct } && schema.Fields.ContainsKey(name);

    private static string? DirectiveName(JsonNode? directive) =>
        directive is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : directive?.ToJsonString();

    private static PatchException NoMergeKey(JsonObject element, string mergeKey) =>
        PatchException.Malformed($"map: {element.ToJsonString()} does not contain declared merge key: {mergeKey}");

    private static void DetachAll(JsonArray array)
    {
        while (array.Count > 0)
        {
            array.RemoveAt(array.Count - 1);
        }
    }

    private static JsonArray ToArray(IEnumerable<JsonNode?> items)
    {
        var array = new JsonArray();
        foreach (var item in items)
        {
            array.Add(item?.Parent is null ? item : item.DeepClone());
        }

        return array;
    }
}
