using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.Api.Selectors;

namespace KubeSharp.Scheduler;

/// <summary>One topologySpreadConstraint of a pod, parsed (matchLabelKeys merged into the selector, policies defaulted).</summary>
internal sealed class SpreadConstraint
{
    public const string HostnameKey = "kubernetes.io/hostname";
    public const string ZoneKey = "topology.kubernetes.io/zone";

    public required int MaxSkew { get; init; }
    public required string TopologyKey { get; init; }
    public required int MinDomains { get; init; }
    /// <summary>nodeAffinityPolicy Honor (the default): only nodes the pod's nodeSelector/affinity admits count.</summary>
    public bool HonorNodeAffinity { get; init; } = true;
    /// <summary>nodeTaintsPolicy Honor: only nodes whose taints the pod tolerates count (default Ignore).</summary>
    public bool HonorTaints { get; init; }
    /// <summary>Whether an existing pod is one of the pods being spread.</summary>
    public required Func<PodInfo, bool> Selects { get; init; }

    /// <summary>The pod's constraints with whenUnsatisfiable DoNotSchedule (<paramref name="hard"/>) or ScheduleAnyway.</summary>
    public static List<SpreadConstraint> Of(Pod pod, bool hard)
    {
        var result = new List<SpreadConstraint>();
        var ns = pod.Metadata?.Namespace ?? "";
        foreach (var c in pod.Spec?.TopologySpreadConstraints ?? [])
        {
            if ((c.WhenUnsatisfiable == "DoNotSchedule") != hard)
            {
                continue;
            }

            var selector = Selector(pod, c);
            result.Add(new SpreadConstraint
            {
                MaxSkew = c.MaxSkew ?? 1,
                TopologyKey = c.TopologyKey ?? "",
                MinDomains = c.MinDomains ?? 1,
                HonorNodeAffinity = c.NodeAffinityPolicy != "Ignore",
                HonorTaints = c.NodeTaintsPolicy == "Honor",
                Selects = p => p.Namespace == ns && p.Pod.Metadata?.DeletionTimestamp is null && selector.Matches(p.Labels),
            });
        }

        return result;
    }

    /// <summary>
    /// The cluster-level default spreading for a pod without constraints: ScheduleAnyway with
    /// maxSkew 3 over hostnames and 5 over zones, among the pods of the same controller (this
    /// scheduler's stand-in for upstream's selector built from the pod's services and workloads).
    /// None for a pod without a controller.
    /// </summary>
    public static List<SpreadConstraint> SystemDefaults(Pod pod)
    {
        var owner = pod.Metadata?.OwnerReferences?.FirstOrDefault(o => o.Controller == true)?.Uid;
        if (string.IsNullOrEmpty(owner))
        {
            return [];
        }

        var ns = pod.Metadata?.Namespace ?? "";
        bool SameController(PodInfo p) =>
            p.Namespace == ns && p.Pod.Metadata?.DeletionTimestamp is null && p.Pod.Metadata?.OwnerReferences?.Any(o => o.Controller == true && o.Uid == owner) == true;
        return
        [
            new SpreadConstraint { MaxSkew = 3, TopologyKey = HostnameKey, MinDomains = 1, Selects = SameController },
            new SpreadConstraint { MaxSkew = 5, TopologyKey = ZoneKey, MinDomains = 1, Selects = SameController },
        ];
    }

    private static LabelQuery Selector(Pod pod, TopologySpreadConstraint constraint)
    {
        if (constraint.LabelSelector is null)
        {
            return LabelQuery.Nothing;
        }

        var merged = new LabelSelector { MatchLabels = constraint.LabelSelector.MatchLabels, MatchExpressions = [.. constraint.LabelSelector.MatchExpressions ?? []] };
        var labels = pod.Metadata?.Labels ?? [];
        foreach (var key in constraint.MatchLabelKeys ?? [])
        {
            if (labels.TryGetValue(key, out var value))
            {
                merged.MatchExpressions.Add(new LabelSelectorRequirement { Key = key, Operator = "In", Values = [value] });
            }
        }

        try
        {
            return LabelQuery.FromObject(merged);
        }
        catch (SelectorException)
        {
            return LabelQuery.Nothing;
        }
    }

    /// <summary>Whether pods on <paramref name="node"/> count toward this constraint under its node policies.</summary>
    public bool Counts(Pod pod, NodeInfo node) =>
        node.Node is { } n
        && (!HonorNodeAffinity || NodeFilters.MatchesNodeSelectorAndAffinity(pod, n))
        && (!HonorTaints || NodeFilters.UntoleratedTaint(pod, n) is null);

    public int MatchingPods(NodeInfo node)
    {
        var count = 0;
        foreach (var p in node.Pods)
        {
            if (Selects(p))
            {
                count++;
            }
        }

        return count;
    }
}

/// <summary>
/// PodTopologySpread's filter (DoNotSchedule constraints): matching pods counted per domain once
/// per cycle; a node passes when placing the pod there keeps every constraint's skew (domain count
/// plus the pod, minus the smallest domain count, or zero below minDomains) within maxSkew.
/// </summary>
internal sealed class TopologySpreadState
{
    public const string SkewTooLarge = "node(s) didn't match pod topology spread constraints";
    public const string MissingLabel = "node(s) didn't match pod topology spread constraints (missing required label)";

    private readonly PodInfo _pod;
    private readonly List<SpreadConstraint> _constraints;
    private Dictionary<string, int>[] _counts;

    private TopologySpreadState(PodInfo pod, List<SpreadConstraint> constraints)
    {
        _pod = pod;
        _constraints = constraints;
        _counts = constraints.Select(_ => new Dictionary<string, int>(StringComparer.Ordinal)).ToArray();
    }

    public static TopologySpreadState? Compute(PodInfo pod, IReadOnlyList<NodeInfo> nodes)
    {
        var constraints = SpreadConstraint.Of(pod.Pod, hard: true);
        if (constraints.Count == 0)
        {
            return null;
        }

        var state = new TopologySpreadState(pod, constraints);
        foreach (var node in nodes)
        {
            if (!HasAllKeys(node, constraints))
            {
                continue;
            }

            for (var i = 0; i < constraints.Count; i++)
            {
                if (constraints[i].Counts(pod.Pod, node))
                {
                    var value = node.Labels[constraints[i].TopologyKey];
                    state._counts[i][value] = state._counts[i].GetValueOrDefault(value) + constraints[i].MatchingPods(node);
                }
            }
        }

        return state;
    }

    public TopologySpreadState Clone() => new(_pod, _constraints) { _counts = _counts.Select(c => new Dictionary<string, int>(c, StringComparer.Ordinal)).ToArray() };

    /// <summary>Adjusts the counts for <paramref name="existing"/> joining (+1) or leaving (-1) <paramref name="node"/>.</summary>
    public void Count(PodInfo existing, NodeInfo node, int delta)
    {
        if (!HasAllKeys(node, _constraints))
        {
            return;
        }

        for (var i = 0; i < _constraints.Count; i++)
        {
            var c = _constraints[i];
            if (c.Selects(existing) && c.Counts(_pod.Pod, node))
            {
                var value = node.Labels[c.TopologyKey];
                _counts[i][value] = _counts[i].GetValueOrDefault(value) + delta;
            }
        }
    }

    public (string Reason, bool Unresolvable)? Filter(NodeInfo node)
    {
        if (!HasAllKeys(node, _constraints))
        {
            return (MissingLabel, true);
        }

        for (var i = 0; i < _constraints.Count; i++)
        {
            var c = _constraints[i];
            var counts = _counts[i];
            var min = counts.Count < c.MinDomains || counts.Count == 0 ? 0 : counts.Values.Min();
            var self = c.Selects(_pod) ? 1 : 0;
            var skew = counts.GetValueOrDefault(node.Labels[c.TopologyKey]) + self - min;
            if (skew > c.MaxSkew)
            {
                return (SkewTooLarge, false);
            }
        }

        return null;
    }

    private static bool HasAllKeys(NodeInfo node, List<SpreadConstraint> constraints)
    {
        foreach (var c in constraints)
        {
            if (!node.Labels.ContainsKey(c.TopologyKey))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>
/// PodTopologySpread's score (ScheduleAnyway constraints, or the system defaults): fewer matching
/// pods in a node's domains scores higher. Each constraint adds count × log(domains + 2) + maxSkew − 1;
/// the sums are inverted and normalized to 0–100 over the scored nodes.
/// </summary>
internal sealed class TopologySpreadScore
{
    private readonly List<SpreadConstraint> _constraints;
    private readonly bool _requireAllKeys;
    private readonly Dictionary<string, long>[] _counts;
    private readonly double[] _weights;

    private TopologySpreadScore(List<SpreadConstraint> constraints, bool requireAllKeys)
    {
        _constraints = constraints;
        _requireAllKeys = requireAllKeys;
        _counts = constraints.Select(_ => new Dictionary<string, long>(StringComparer.Ordinal)).ToArray();
        _weights = new double[constraints.Count];
    }

    public static TopologySpreadScore? Prepare(PodInfo pod, IReadOnlyList<NodeInfo> allNodes, IReadOnlyList<NodeInfo> scoredNodes)
    {
        var explicitConstraints = pod.Pod.Spec?.TopologySpreadConstraints is { Count: > 0 };
        var constraints = explicitConstraints ? SpreadConstraint.Of(pod.Pod, hard: false) : SpreadConstraint.SystemDefaults(pod.Pod);
        if (constraints.Count == 0)
        {
            return null;
        }

        var score = new TopologySpreadScore(constraints, explicitConstraints);
        var domains = constraints.Select(_ => new HashSet<string>(StringComparer.Ordinal)).ToArray();
        foreach (var node in scoredNodes)
        {
            if (score._requireAllKeys && !constraints.All(c => node.Labels.ContainsKey(c.TopologyKey)))
            {
                continue;
            }

            for (var i = 0; i < constraints.Count; i++)
            {
                if (node.Labels.TryGetValue(constraints[i].TopologyKey, out var value))
                {
                    domains[i].Add(value);
                }
            }
        }

        for (var i = 0; i < constraints.Count; i++)
        {
            var size = constraints[i].TopologyKey == SpreadConstraint.HostnameKey ? scoredNodes.Count : domains[i].Count;
            score._weights[i] = Math.Log(size + 2);
        }

        // Hostname domains are single nodes, counted when scored; other domains need every node.
        var needsAllNodes = Enumerable.Range(0, constraints.Count).Any(i => constraints[i].TopologyKey != SpreadConstraint.HostnameKey && domains[i].Count > 0);
        if (needsAllNodes)
        {
            foreach (var node in allNodes)
            {
                for (var i = 0; i < constraints.Count; i++)
                {
                    var c = constraints[i];
                    if (c.TopologyKey != SpreadConstraint.HostnameKey && node.Labels.TryGetValue(c.TopologyKey, out var value) && domains[i].Contains(value) && c.Counts(pod.Pod, node))
                    {
                        score._counts[i][value] = score._counts[i].GetValueOrDefault(value) + c.MatchingPods(node);
                    }
                }
            }
        }

        return score;
    }

    /// <summary>The raw sum for <paramref name="node"/>; null when the node lacks a required topology label (it then scores 0).</summary>
    public long? Raw(NodeInfo node)
    {
        double total = 0;
        for (var i = 0; i < _constraints.Count; i++)
        {
            var c = _constraints[i];
            if (!node.Labels.TryGetValue(c.TopologyKey, out var value))
            {
                if (_requireAllKeys)
                {
                    return null;
                }

                continue;
            }

            var count = c.TopologyKey == SpreadConstraint.HostnameKey ? c.MatchingPods(node) : _counts[i].GetValueOrDefault(value);
            total += count * _weights[i] + (c.MaxSkew - 1);
        }

        return (long)Math.Round(total);
    }

    public static long[] Normalize(IReadOnlyList<long?> raw)
    {
        var present = raw.Where(r => r.HasValue).Select(r => r!.Value).ToList();
        var result = new long[raw.Count];
        if (present.Count == 0)
        {
            return result;
        }

        long min = present.Min(), max = present.Max();
        for (var i = 0; i < raw.Count; i++)
        {
            result[i] = raw[i] is not { } s ? 0 : max == 0 ? 100 : 100 * (max + min - s) / max;
        }

        return result;
    }
}
