using KubeSharp.Api;

namespace KubeSharp.Client.Informers;

/// <summary>
/// Read-only queries over an informer's cache, for controllers: no API calls, answers reflect what
/// the informer has seen so far. Returned objects are shared with the cache: do not modify them.
/// </summary>
public sealed class Lister<T>(ObjectCache<T> cache)
    where T : KubernetesObject
{
    public T? Get(string name, string? ns = null) => cache.Get(ObjectCache<T>.KeyOf(ns, name));

    /// <summary>All objects, or those of one namespace, optionally filtered.</summary>
    public IReadOnlyList<T> List(string? ns = null, Func<T, bool>? filter = null)
    {
        var items = ns is null ? cache.List() : cache.ByIndex(ObjectCache<T>.NamespaceIndex, ns);
        return filter is null ? items : items.Where(filter).ToList();
    }

    /// <summary>Objects whose labels include every pair of <paramref name="matchLabels"/> (equality-based selector).</summary>
    public IReadOnlyList<T> ListByLabels(IReadOnlyDictionary<string, string> matchLabels, string? ns = null) =>
        List(ns, o => matchLabels.All(p => o.Metadata?.Labels is { } labels && labels.TryGetValue(p.Key, out var v) && v == p.Value));

    public IReadOnlyList<T> ByIndex(string indexName, string value) => cache.ByIndex(indexName, value);
}
