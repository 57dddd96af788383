namespace KubeSharp.Scheduler;

/// <summary>
/// Pod affinity and anti-affinity (kube-scheduler's InterPodAffinity). The pre-filter state counts,
/// per topology domain (label key and value), the existing pods that satisfy the incoming pod's
/// terms and the existing pods whose required anti-affinity rejects the incoming pod, so the
/// per-node filter only looks up the node's own labels.
/// </summary>
internal sealed class InterPodAffinityState
{
    public const string AffinityMismatch = "node(s) didn't match pod affinity rules";
    public const string AntiAffinityMismatch = "node(s) didn't match pod anti-affinity rules";
    public const string ExistingAntiAffinityMismatch = "node(s) didn't satisfy existing pods anti-affinity rules";

    private readonly PodInfo _pod;
    private readonly NamespaceLabels _namespaceLabels;
    private Dictionary<(string Key, string Value), int> _affinityCounts = [];
    private Dictionary<(string Key, string Value), int> _antiAffinityCounts = [];
    private Dictionary<(string Key, string Value), int> _existingAntiAffinityCounts = [];

    private InterPodAffinityState(PodInfo pod, NamespaceLabels namespaceLabels)
    {
        _pod = pod;
        _namespaceLabels = namespaceLabels;
    }

    /// <summary>
    /// Walks every pod only when the incoming pod has required terms; otherwise only the pods with
    /// required anti-affinity, which the node infos keep apart.
    /// </summary>
    public static InterPodAffinityState Compute(PodInfo pod, IReadOnlyList<NodeInfo> nodes, NamespaceLabels namespaceLabels)
    {
        var state = new InterPodAffinityState(pod, namespaceLabels);
        var ownTerms = pod.RequiredAffinity.Count + pod.RequiredAntiAffinity.Count > 0;
        foreach (var node in nodes)
        {
            foreach (var existing in ownTerms ? node.Pods : node.PodsWithRequiredAntiAffinity)
            {
                state.Count(existing, node, 1);
            }
        }

        return state;
    }

    public InterPodAffinityState Clone() => new(_pod, _namespaceLabels)
    {
        _affinityCounts = new(_affinityCounts),
        _antiAffinityCounts = new(_antiAffinityCounts),
        _existingAntiAffinityCounts = new(_existingAntiAffinityCounts),
    };

    /// <summary>Adjusts the counts for <paramref name="existing"/> joining (+1) or leaving (-1) <paramref name="node"/>.</summary>
    public void Count(PodInfo existing, NodeInfo node, int delta)
    {
        if (existing.Key == _pod.Key)
        {
            return;
        }

        var labels = node.Labels;
        foreach (var term in existing.RequiredAntiAffinity)
        {
            if (labels.TryGetValue(term.TopologyKey, out var value) && term.Matches(_pod, _namespaceLabels))
            {
                Add(_existingAntiAffinityCounts, term.TopologyKey, value, delta);
            }
        }

        if (_pod.RequiredAffinity.Count > 0 && _pod.RequiredAffinity.All(t => t.Matches(existing, _namespaceLabels)))
        {
            foreach (var term in _pod.RequiredAffinity)
            {
                if (labels.TryGetValue(term.TopologyKey, out var value))
                {
                    Add(_affinityCounts, term.TopologyKey, value, delta);
                }
            }
        }

        foreach (var term in _pod.RequiredAntiAffinity)
        {
            if (labels.TryGetValue(term.TopologyKey, out var value) && term.Matches(existing, _namespaceLabels))
            {
                Add(_antiAffinityCounts, term.TopologyKey, value, delta);
            }
        }
    }

    /// <summary>The reason the pod may not go on <paramref name="node"/>, or null; the affinity reason is not resolvable by preemption.</summary>
    public (string Reason, bool Unresolvable)? Filter(NodeInfo node)
    {
        var labels = node.Labels;
        if (!SatisfiesAffinity(labels))
        {
            return (AffinityMismatch, true);
        }

        foreach (var term in _pod.RequiredAntiAffinity)
        {
            if (labels.TryGetValue(term.TopologyKey, out var value) && _antiAffinityCounts.GetValueOrDefault((term.TopologyKey, value)) > 0)
            {
                return (AntiAffinityMismatch, false);
            }
        }

        if (_existingAntiAffinityCounts.Count > 0)
        {
            foreach (var (key, value) in labels)
            {
                if (_existingAntiAffinityCounts.GetValueOrDefault((key, value)) > 0)
                {
                    return (ExistingAntiAffinityMismatch, false);
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Every required affinity term has a matching pod in the node's domain. When no pod anywhere
    /// matches and the pod matches its own terms, the first of a group may go to any node that has
    /// the topology labels.
    /// </summary>
    private bool SatisfiesAffinity(IReadOnlyDictionary<string, string> labels)
    {
        if (_pod.RequiredAffinity.Count == 0)
        {
            return true;
        }

        var allMatched = true;
        foreach (var term in _pod.RequiredAffinity)
        {
            if (!labels.TryGetValue(term.TopologyKey, out var value))
            {
                return false;
            }

            if (_affinityCounts.GetValueOrDefault((term.TopologyKey, value)) <= 0)
            {
                allMatched = false;
            }
        }

        if (allMatched)
        {
            return true;
        }

        return _affinityCounts.Values.All(c => c <= 0) && _pod.RequiredAffinity.All(t => t.Matches(_pod, _namespaceLabels));
    }

    private static void Add(Dictionary<(string Key, string Value), int> counts, string key, string value, int delta)
    {
        var next = counts.GetValueOrDefault((key, value)) + delta;
        if (next == 0)
        {
            counts.Remove((key, value));
        }
        else
        {
            counts[(key, value)] = next;
        }
    }
}

/// <summary>
/// Preferred pod affinity scoring: a sum of weights per topology domain from the incoming pod's
/// preferred terms and from existing pods' terms about the incoming pod (their required affinity
/// counting with weight 1), normalized to 0–100 over the scored nodes.
/// </summary>
internal static class InterPodAffinityScore
{
    private const int HardAffinityWeight = 1;

    public static Dictionary<(string Key, string Value), long>? Prepare(PodInfo pod, IReadOnlyList<NodeInfo> nodes, NamespaceLabels namespaceLabels)
    {
        var ownPreferred = pod.PreferredAffinity.Count + pod.PreferredAntiAffinity.Count > 0;
        var scores = new Dictionary<(string Key, string Value), long>();
        foreach (var node in nodes)
        {
            // Most nodes hold no pod with affinity terms; skip them without touching their labels.
            var candidates = ownPreferred ? node.Pods : node.PodsWithAffinity;
            if (candidates.Count == 0)
            {
                continue;
            }

            var labels = node.Labels;
            foreach (var existing in candidates)
            {
                if (existing.Key == pod.Key)
                {
                    continue;
                }

                foreach (var (term, weight) in pod.PreferredAffinity)
                {
                    Add(scores, labels, term, weight, term.Matches(existing, namespaceLabels));
                }

                foreach (var (term, weight) in pod.PreferredAntiAffinity)
                {
                    Add(scores, labels, term, -weight, term.Matches(existing, namespaceLabels));
                }

                foreach (var term in existing.RequiredAffinity)
                {
                    Add(scores, labels, term, HardAffinityWeight, term.Matches(pod, namespaceLabels));
                }

                foreach (var (term, weight) in existing.PreferredAffinity)
                {
                    Add(scores, labels, term, weight, term.Matches(pod, namespaceLabels));
                }

                foreach (var (term, weight) in existing.PreferredAntiAffinity)
                {
                    Add(scores, labels, term, -weight, term.Matches(pod, namespaceLabels));
                }
            }
        }

        return scores.Count == 0 ? null : scores;
    }

    public static long Raw(Dictionary<(string Key, string Value), long> scores, NodeInfo node)
    {
        long total = 0;
        foreach (var (key, value) in node.Labels)
        {
            total += scores.GetValueOrDefault((key, value));
        }

        return total;
    }

    private static void Add(Dictionary<(string Key, string Value), long> scores, IReadOnlyDictionary<string, string> labels, AffinityTerm term, long weight, bool matches)
    {
        if (matches && labels.TryGetValue(term.TopologyKey, out var value))
        {
            scores[(term.TopologyKey, value)] = scores.GetValueOrDefault((term.TopologyKey, value)) + weight;
        }
    }
}
