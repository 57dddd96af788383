using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.Api.Selectors;

namespace KubeSharp.Scheduler;

/// <summary>Labels of a namespace by name; null when the namespace is unknown.</summary>
internal delegate IReadOnlyDictionary<string, string>? NamespaceLabels(string name);

/// <summary>
/// A parsed pod (anti-)affinity term: which pods it selects (label selector with matchLabelKeys
/// and mismatchLabelKeys merged in, namespaces listed or selected) and the node label that defines
/// its topology domain.
/// </summary>
internal sealed class AffinityTerm
{
    private readonly LabelQuery _selector;
    private readonly HashSet<string> _namespaces;
    private readonly LabelQuery? _namespaceSelector;

    private AffinityTerm(LabelQuery selector, HashSet<string> namespaces, LabelQuery? namespaceSelector, string topologyKey)
    {
        _selector = selector;
        _namespaces = namespaces;
        _namespaceSelector = namespaceSelector;
        TopologyKey = topologyKey;
    }

    public string TopologyKey { get; }

    /// <summary>
    /// The term as written on <paramref name="owner"/>: with neither namespaces nor a namespace
    /// selector it covers the owner's own namespace; an empty namespace selector covers all.
    /// </summary>
    public static AffinityTerm From(Pod owner, PodAffinityTerm term)
    {
        var ownLabels = owner.Metadata?.Labels ?? [];
        LabelQuery selector;
        if (term.LabelSelector is null)
        {
            selector = LabelQuery.Nothing;
        }
        else
        {
            var merged = new LabelSelector
            {
                MatchLabels = term.LabelSelector.MatchLabels,
                MatchExpressions = [.. term.LabelSelector.MatchExpressions ?? []],
            };
            foreach (var key in term.MatchLabelKeys ?? [])
            {
                if (ownLabels.TryGetValue(key, out var value))
                {
                    merged.MatchExpressions.Add(new LabelSelectorRequirement { Key = key, Operator = "In", Values = [value] });
                }
            }

            foreach (var key in term.MismatchLabelKeys ?? [])
            {
                if (ownLabels.TryGetValue(key, out var value))
                {
                    merged.MatchExpressions.Add(new LabelSelectorRequirement { Key = key, Operator = "NotIn", Values = [value] });
                }
            }

            selector = TryParse(merged);
        }

        var namespaces = new HashSet<string>(term.Namespaces ?? [], StringComparer.Ordinal);
        LabelQuery? namespaceSelector = term.NamespaceSelector is null ? null : TryParse(term.NamespaceSelector);
        if (namespaces.Count == 0 && namespaceSelector is null)
        {
            namespaces.Add(owner.Metadata?.Namespace ?? "");
        }

        return new AffinityTerm(selector, namespaces, namespaceSelector, term.TopologyKey ?? "");
    }

    public static IReadOnlyList<AffinityTerm> Required(Pod owner, List<PodAffinityTerm>? terms) =>
        terms is { Count: > 0 } ? terms.Select(t => From(owner, t)).ToList() : [];

    public static IReadOnlyList<WeightedAffinityTerm> Preferred(Pod owner, List<WeightedPodAffinityTerm>? terms) =>
        terms is { Count: > 0 }
            ? terms.Where(t => t.PodAffinityTerm is not null).Select(t => new WeightedAffinityTerm(From(owner, t.PodAffinityTerm!), t.Weight ?? 0)).ToList()
            : [];

    /// <summary>Whether <paramref name="pod"/> is one of the pods this term selects.</summary>
    public bool Matches(PodInfo pod, NamespaceLabels namespaceLabels)
    {
        if (!_namespaces.Contains(pod.Namespace)
            && (_namespaceSelector is null || !_namespaceSelector.Matches(namespaceLabels(pod.Namespace) ?? new Dictionary<string, string>())))
        {
            return false;
        }

        return _selector.Matches(pod.Labels);
    }

    private static LabelQuery TryParse(LabelSelector selector)
    {
        try
        {
            return LabelQuery.FromObject(selector);
        }
        catch (SelectorException)
        {
            // Validation rejects such selectors; one that slipped through selects nothing.
            return LabelQuery.Nothing;
        }
    }
}

internal sealed record WeightedAffinityTerm(AffinityTerm Term, int Weight);
