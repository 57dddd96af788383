using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KubeSharp.Api.Patch;

/// <summary>
/// A set of field paths, stored as a tree in the FieldsV1 encoding of managedFields: each path element
/// is <c>f:&lt;field&gt;</c>, <c>k:&lt;key JSON&gt;</c> (keyed list item), <c>v:&lt;value JSON&gt;</c>
/// (set item) or <c>i:&lt;index&gt;</c>; a node that is itself in the set and also has children
/// carries a <c>"."</c> entry.
/// </summary>
public sealed class FieldSet
{
    internal static readonly JsonSerializerOptions CompactJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly SortedDictionary<string, FieldSet> _children = new(StringComparer.Ordinal);

    /// <summary>True when the path ending at this node is itself in the set.</summary>
    public bool IsMember { get; private set; }

    public bool IsEmpty => !IsMember && _children.Count == 0;

    public IReadOnlyDictionary<string, FieldSet> Children => _children;

    public static string Field(string name) => "f:" + name;

    public static string Key(JsonObject keyFields) => "k:" + keyFields.ToJsonString(CompactJson);

    public static string Value(JsonNode? value) => "v:" + (value?.ToJsonString(CompactJson) ?? "null");

    public void Insert(IReadOnlyList<string> path)
    {
        var node = this;
        foreach (var element in path)
        {
            if (!node._children.TryGetValue(element, out var child))
            {
                child = new FieldSet();
                node._children[element] = child;
            }

            node = child;
        }

        node.IsMember = true;
    }

    public bool Contains(IReadOnlyList<string> path) => Find(path)?.IsMember == true;

    /// <summary>True when the path or any path below it is in the set.</summary>
    public bool ContainsAtOrBelow(IReadOnlyList<string> path) => Find(path) is { IsEmpty: false };

    /// <summary>Removes the path (not its descendants) from the set.</summary>
    public void Remove(IReadOnlyList<string> path)
    {
        var trail = new List<(FieldSet Parent, string Element)>();
        var node = this;
        foreach (var element in path)
        {
            if (!node._children.TryGetValue(element, out var child))
            {
                return;
            }

            trail.Add((node, element));
            node = child;
        }

        node.IsMember = false;
        for (var i = trail.Count - 1; i >= 0; i--)
        {
            var (parent, element) = trail[i];
            if (!parent._children[element].IsEmpty)
            {
                break;
            }

            parent._children.Remove(element);
        }
    }

    /// <summary>Every path in the set, parents before children.</summary>
    public IEnumerable<IReadOnlyList<string>> Paths() => Paths([]);

    public FieldSet Union(FieldSet other)
    {
        var result = Copy();
        result.UnionWith(other);
        return result;
    }

    public FieldSet Difference(FieldSet other) => Difference(this, other) ?? new FieldSet();

    public FieldSet Intersection(FieldSet other) => Intersection(this, other) ?? new FieldSet();

    public FieldSet Copy()
    {
        var result = new FieldSet { IsMember = IsMember };
        foreach (var (element, child) in _children)
        {
            result._children[element] = child.Copy();
        }

        return result;
    }

    /// <summary>Removes the path and every path below it.</summary>
    public void RemoveAtOrBelow(IReadOnlyList<string> path)
    {
        if (path.Count == 0)
        {
            IsMember = false;
            _children.Clear();
            return;
        }

        var trail = new List<(FieldSet Parent, string Element)>();
        var node = this;
        foreach (var element in path)
        {
            if (!node._children.TryGetValue(element, out var child))
            {
                return;
            }

            trail.Add((node, element));
            node = child;
        }

        trail[^1].Parent._children.Remove(trail[^1].Element);
        for (var i = trail.Count - 2; i >= 0; i--)
        {
            var (parent, element) = trail[i];
            if (!parent._children[element].IsEmpty)
            {
                break;
            }

            parent._children.Remove(element);
        }
    }

    // Set operations walk both trees together; a subtree left with no member is dropped, so the
    // results hold the same nodes as inserting their paths one by one would.
    private void UnionWith(FieldSet other)
    {
        IsMember |= other.IsMember;
        foreach (var (element, otherChild) in other._children)
        {
            if (!_children.TryGetValue(element, out var child))
            {
                _children[element] = otherChild.Copy();
                continue;
            }

            child.UnionWith(otherChild);
        }
    }

    private static FieldSet? Difference(FieldSet set, FieldSet? other)
    {
        var result = new FieldSet { IsMember = set.IsMember && other?.IsMember != true };
        foreach (var (element, child) in set._children)
        {
            var otherChild = other is not null && other._children.TryGetValue(element, out var found) ? found : null;
            if (Difference(child, otherChild) is { } rest)
            {
                result._children[element] = rest;
            }
        }

        return result.IsEmpty ? null : result;
    }

    private static FieldSet? Intersection(FieldSet set, FieldSet other)
    {
        var result = new FieldSet { IsMember = set.IsMember && other.IsMember };
        foreach (var (element, child) in set._children)
        {
            if (other._children.TryGetValue(element, out var otherChild) && Intersection(child, otherChild) is { } common)
            {
                result._children[element] = common;
            }
        }

        return result.IsEmpty ? null : result;
    }

    /// <summary>Follows one path element from a position; false when nothing is there.</summary>
    internal delegate bool PathStep<TPosition>(TPosition position, string element, out TPosition next);

    /// <summary>
    /// The paths of the set that <paramref name="step"/> can follow element by element from
    /// <paramref name="root"/>: the same set as inserting each path that is reachable, computed in one
    /// walk so a shared prefix is followed once.
    /// </summary>
    internal FieldSet Reachable<TPosition>(TPosition root, PathStep<TPosition> step) => Reachable(this, root, step) ?? new FieldSet();

    private static FieldSet? Reachable<TPosition>(FieldSet set, TPosition position, PathStep<TPosition> step)
    {
        var result = new FieldSet { IsMember = set.IsMember };
        foreach (var (element, child) in set._children)
        {
            if (step(position, element, out var next) && Reachable(child, next, step) is { } kept)
            {
                result._children[element] = kept;
            }
        }

        return result.IsEmpty ? null : result;
    }

    public bool SetEquals(FieldSet other) => Difference(other).IsEmpty && other.Difference(this).IsEmpty;

    /// <summary>The FieldsV1 JSON of the set.</summary>
    public JsonObject ToFieldsV1()
    {
        var result = new JsonObject();
        if (IsMember && _children.Count > 0)
        {
            result["."] = new JsonObject();
        }

        foreach (var (element, child) in _children)
        {
            result[element] = child.ToFieldsV1();
        }

        return result;
    }

    /// <summary>Reads FieldsV1 JSON; null or a non-object is the empty set.</summary>
    public static FieldSet FromFieldsV1(JsonNode? fieldsV1)
    {
        var result = new FieldSet();
        if (fieldsV1 is JsonObject obj)
        {
            result.ReadChildren(obj);
        }

        return result;
    }

    /// <summary>The path as Kubernetes prints it in conflicts: <c>.spec.containers[name="nginx"].image</c>.</summary>
    public static string Describe(IReadOnlyList<string> path)
    {
        var builder = new StringBuilder();
        foreach (var element in path)
        {
            var body = element.Length >= 2 ? element[2..] : element;
            switch (element[..Math.Min(2, element.Length)])
            {
                case "f:":
                    builder.Append('.').Append(body);
                    break;
                case "k:":
                    builder.Append('[');
                    if (JsonNode.Parse(body) is JsonObject keys)
                    {
                        builder.AppendJoin(',', keys.Select(k => $"{k.Key}={k.Value?.ToJsonString(CompactJson) ?? "null"}"));
                    }

                    builder.Append(']');
                    break;
                case "v:":
                    builder.Append("[=").Append(body).Append(']');
                    break;
                case "i:":
                    builder.Append('[').Append(body).Append(']');
                    break;
                default:
                    builder.Append(element);
                    break;
            }
        }

        return builder.ToString();
    }

    public override string ToString() => ToFieldsV1().ToJsonString(CompactJson);

    private FieldSet? Find(IReadOnlyList<string> path)
    {
        var node = this;
        foreach (var element in path)
        {
            if (!node._children.TryGetValue(element, out node))
            {
                return null;
            }
        }

        return node;
    }

    private IEnumerable<IReadOnlyList<string>> Paths(List<string> prefix)
    {
        if (IsMember)
        {
            yield return prefix.ToArray();
        }

        foreach (var (element, child) in _children)
        {
            prefix.Add(element);
            foreach (var path in child.Paths(prefix))
            {
                yield return path;
            }

            prefix.RemoveAt(prefix.Count - 1);
        }
    }

    private void ReadChildren(JsonObject obj)
    {
        foreach (var (element, value) in obj)
        {
            if (element == ".")
            {
                IsMember = true;
                continue;
            }

            var child = new FieldSet();
            if (value is JsonObject nested && nested.Count > 0)
            {
                child.ReadChildren(nested);
            }
            else
            {
                child.IsMember = true;
            }

            _children[element] = child;
        }
    }
}
