using KubeSharp.Api.Selectors;
using KubeSharp.ApiServer.Registry;
using KubeSharp.ApiServer.Storage;

namespace KubeSharp.ApiServer.Http;

/// <summary>The namespace, label and field selectors of a list or watch request, compiled into a predicate.</summary>
public static class ObjectFilter
{
    public static Func<StoredObject, bool> Create(ResourceDefinition definition, string? ns, string? labelSelector, string? fieldSelector)
    {
        LabelQuery labels;
        FieldSelector fields;
        try
        {
            labels = LabelQuery.Parse(labelSelector);
        }
        catch (SelectorException e)
        {
            throw ApiException.BadRequest(e.Message);
        }

        try
        {
            fields = FieldSelector.Parse(fieldSelector);
        }
        catch (SelectorException e)
        {
            throw ApiException.BadRequest(e.Message);
        }

        foreach (var r in fields.Requirements)
        {
            if (r.Field is not ("metadata.name" or "metadata.namespace") && !definition.Strategy.SelectableFields.Contains(r.Field))
            {
                throw ApiException.BadRequest($"field label not supported: {r.Field}");
            }
        }

        var nsFilter = definition.Namespaced && !string.IsNullOrEmpty(ns) ? ns : null;
        var strategy = definition.Strategy;
        // Objects are filtered as stored; fields are read from the version the request names.
        var view = definition.FromStorageVersion;
        return o =>
            (nsFilter is null || o.Namespace == nsFilter)
            && (labels.IsEverything || labels.Matches(o.Object.Metadata?.Labels))
            && (fields.IsEverything || MatchesFields(fields, strategy, view is null ? o.Object : view(o.Clone())));
    }

    private static bool MatchesFields(FieldSelector fields, ResourceStrategy strategy, Api.KubernetesObject obj) =>
        fields.Matches(f => strategy.FieldValue(obj, f));
}
