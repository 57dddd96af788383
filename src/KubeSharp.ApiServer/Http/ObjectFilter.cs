using KubeSharp.ApiServer.Registry;
using KubeSharp.ApiServer.Storage;

namespace KubeSharp.ApiServer.Http;

/// <summary>The label and field selectors of a list or watch request, compiled into a predicate.</summary>
public static class ObjectFilter
{
    /// <summary>Parses a labelSelector query value into a predicate over labels (throws FormatException).</summary>
    public static Func<string, Func<IReadOnlyDictionary<string, string>?, bool>> ParseLabelSelector { get; set; } = SimpleEqualitySelector;

    /// <summary>Parses a fieldSelector query value into (field, operator "=" or "!=", value) requirements (throws FormatException).</summary>
    public static Func<string, IReadOnlyList<(string Field, bool IsEqual, string Value)>> ParseFieldSelector { get; set; } = SimpleFieldSelector;

    public static Func<StoredObject, bool> Create(ResourceDefinition definition, string? ns, string? labelSelector, string? fieldSelector)
    {
        Func<IReadOnlyDictionary<string, string>?, bool>? labels = null;
        if (!string.IsNullOrWhiteSpace(labelSelector))
        {
            try
            {
                labels = ParseLabelSelector(labelSelector);
            }
            catch (FormatException e)
            {
                throw ApiException.BadRequest($"unable to parse requirement: {e.Message}");
            }
        }

        IReadOnlyList<(string Field, bool IsEqual, string Value)> fields = [];
        if (!string.IsNullOrWhiteSpace(fieldSelector))
        {
            try
            {
                fields = ParseFieldSelector(fieldSelector);
            }
            catch (FormatException e)
            {
                throw ApiException.BadRequest($"invalid field selector: {e.Message}");
            }

            foreach (var (field, _, _) in fields)
            {
                if (field is not ("metadata.name" or "metadata.namespace") && !definition.Strategy.SelectableFields.Contains(field))
                {
                    throw ApiException.BadRequest($"field label not supported: {field}");
                }
            }
        }

        var nsFilter = definition.Namespaced && !string.IsNullOrEmpty(ns) ? ns : null;
        return o =>
        {
            if (nsFilter is not null && o.Namespace != nsFilter)
            {
                return false;
            }

            if (labels is not null && !labels(o.Object.Metadata?.Labels))
            {
                return false;
            }

            foreach (var (field, equals, value) in fields)
            {
                var actual = definition.Strategy.FieldValue(o.Object, field) ?? "";
                if ((actual == value) != equals)
                {
                    return false;
                }
            }

            return true;
        };
    }

    private static Func<IReadOnlyDictionary<string, string>?, bool> SimpleEqualitySelector(string selector)
    {
        var requirements = SimpleFieldSelector(selector);
        return labels => requirements.All(r => (labels is not null && labels.TryGetValue(r.Field, out var v) && v == r.Value) == r.IsEqual);
    }

    private static IReadOnlyList<(string Field, bool IsEqual, string Value)> SimpleFieldSelector(string selector)
    {
        var result = new List<(string, bool, string)>();
        foreach (var part in selector.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var ne = part.IndexOf("!=", StringComparison.Ordinal);
            if (ne > 0)
            {
                result.Add((part[..ne], false, part[(ne + 2)..]));
                continue;
            }

            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new FormatException($"invalid selector: '{part}'; can't understand '{part}'");
            }

            var value = part[(eq + 1)..];
            result.Add((part[..eq], true, value.StartsWith('=') ? value[1..] : value));
        }

        return result;
    }
}
