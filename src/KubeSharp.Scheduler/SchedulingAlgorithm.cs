using System.Globalization;
using KubeSharp.Api.Core.V1;

namespace KubeSharp.Scheduler;

/// <summary>Where a pod goes: a node, or why none fits (the FailedScheduling message) and possibly whom to preempt.</summary>
internal sealed record SchedulingResult(string? NodeName, string? FailureMessage, PreemptionPlan? Preemption = null)
{
    public bool Scheduled => NodeName is not null;
}

/// <summary>Why a node was filtered out; unresolvable reasons are ones removing pods cannot fix.</summary>
internal sealed record FilterFailure(IReadOnlyList<string> Reasons, bool Unresolvable);

/// <summary>Knobs and cross-cycle inputs of one scheduling decision.</summary>
internal sealed class SchedulingOptions
{
    /// <summary>Share of nodes to find feasible before scoring; 0 means upstream's adaptive share (50% at 100 nodes, falling to 5%).</summary>
    public int PercentageOfNodesToScore { get; init; }
    /// <summary>Pods nominated to nodes by earlier preemptions, by node name.</summary>
    public IReadOnlyDictionary<string, List<PodInfo>> Nominated { get; set; } = new Dictionary<string, List<PodInfo>>();
    /// <summary>Where the next search starts, so successive pods look at different nodes first.</summary>
    public int NextStartIndex { get; set; }
}

/// <summary>
/// The pod's state for one scheduling cycle, computed once before any node is filtered (kube-scheduler's
/// PreFilter): parsed pod, pod affinity and topology spread counts, bound volumes. Preemption clones it
/// and replays removed or re-added pods into it.
/// </summary>
internal sealed class CycleState
{
    public required PodInfo Pod { get; init; }
    public required InterPodAffinityState Affinity { get; init; }
    public TopologySpreadState? Spread { get; init; }
    public VolumeState? Volumes { get; init; }

    public CycleState Clone() => new() { Pod = Pod, Affinity = Affinity.Clone(), Spread = Spread?.Clone(), Volumes = Volumes };

    public void Count(PodInfo existing, NodeInfo node, int delta)
    {
        Affinity.Count(existing, node, delta);
        Spread?.Count(existing, node, delta);
    }
}

/// <summary>
/// kube-scheduler's default profile as pure functions over node infos: pre-filter once, filter nodes
/// (stopping after enough feasible ones on large clusters), score with the default plugins' weights
/// and pick the best, ties at random; when nothing fits, work out a preemption.
/// </summary>
internal static class SchedulingAlgorithm
{
    /// <summary>Requests assumed for scoring when a container asks for nothing (Kubernetes' non-zero defaults).</summary>
    public const long DefaultMilliCpu = 100;
    public const long DefaultMemory = 200L * 1024 * 1024;

    private const int MinFeasibleNodesToFind = 100;
    private const int MinFeasibleNodesPercentageToFind = 5;

    public static SchedulingResult Schedule(Pod pod, IReadOnlyList<NodeInfo> nodes, Random random) =>
        Schedule(pod, nodes, ClusterObjects.Empty, new SchedulingOptions(), random);

    public static SchedulingResult Schedule(Pod pod, IReadOnlyList<NodeInfo> nodes, ClusterObjects cluster, SchedulingOptions options, Random random)
    {
        if (nodes.Count == 0)
        {
            return new SchedulingResult(null, "no nodes available to schedule pods");
        }

        var podInfo = new PodInfo(pod);
        var (volumes, volumeFailure) = VolumeState.Compute(pod, cluster);
        if (volumeFailure is not null)
        {
            var unresolvable = string.Create(CultureInfo.InvariantCulture, $"{nodes.Count} {Preemption.NotHelpful}");
            return new SchedulingResult(null, string.Create(CultureInfo.InvariantCulture,
                $"0/{nodes.Count} nodes are available: {volumeFailure}. preemption: 0/{nodes.Count} nodes are available: {unresolvable}."));
        }

        var state = new CycleState
        {
            Pod = podInfo,
            Affinity = InterPodAffinityState.Compute(podInfo, nodes, cluster.NamespaceLabels),
            Spread = TopologySpreadState.Compute(podInfo, nodes),
            Volumes = volumes,
        };

        var toFind = FeasibleNodesToFind(nodes.Count, options.PercentageOfNodesToScore);
        var feasible = new List<NodeInfo>();
        var failures = new Dictionary<string, FilterFailure>(StringComparer.Ordinal);
        var start = options.NextStartIndex % nodes.Count;
        var examined = 0;
        for (; examined < nodes.Count && feasible.Count < toFind; examined++)
        {
            var node = nodes[(start + examined) % nodes.Count];
            var failure = FilterWithNominated(state, node, options.Nominated);
            if (failure is null)
            {
                feasible.Add(node);
            }
            else
            {
                failures[node.Name] = failure;
            }
        }

        options.NextStartIndex = (start + examined) % nodes.Count;
        if (feasible.Count == 0)
        {
            var message = FailureMessage(nodes.Count, Histogram(failures.Values));
            var (plan, preemptionMessage) = Preemption.Find(state, nodes, failures, cluster);
            return new SchedulingResult(null, preemptionMessage is null ? message : $"{message} preemption: {preemptionMessage}", plan);
        }

        if (feasible.Count == 1)
        {
            return new SchedulingResult(feasible[0].Name, null);
        }

        var scores = NodeScores.Score(podInfo, feasible, nodes, cluster);
        var best = new List<NodeInfo>();
        var bestScore = long.MinValue;
        for (var i = 0; i < feasible.Count; i++)
        {
            if (scores[i] > bestScore)
            {
                bestScore = scores[i];
                best.Clear();
            }

            if (scores[i] == bestScore)
            {
                best.Add(feasible[i]);
            }
        }

        return new SchedulingResult(best[random.Next(best.Count)].Name, null);
    }

    /// <summary>
    /// How many feasible nodes to look for: all below 100 nodes; otherwise the given share or
    /// upstream's adaptive one (50% minus 1% per 125 nodes, at least 5%), and never fewer than 100.
    /// </summary>
    public static int FeasibleNodesToFind(int nodeCount, int percentage = 0)
    {
        if (nodeCount < MinFeasibleNodesToFind || percentage >= 100)
        {
            return nodeCount;
        }

        if (percentage <= 0)
        {
            percentage = Math.Max(50 - (nodeCount / 125), MinFeasibleNodesPercentageToFind);
        }

        return Math.Max((int)((long)nodeCount * percentage / 100), MinFeasibleNodesToFind);
    }

    /// <summary>
    /// Filters as if the pods nominated to the node with at least this pod's priority were already
    /// there, so a preemptor's freed room is not taken by a lesser pod.
    /// </summary>
    private static FilterFailure? FilterWithNominated(CycleState state, NodeInfo node, IReadOnlyDictionary<string, List<PodInfo>> nominated)
    {
        if (nominated.Count > 0 && nominated.TryGetValue(node.Name, out var pods))
        {
            NodeInfo? withNominated = null;
            foreach (var p in pods)
            {
                if (p.Key != state.Pod.Key && p.Priority >= state.Pod.Priority)
                {
                    (withNominated ??= node.Clone()).AddPod(p);
                }
            }

            if (withNominated is not null)
            {
                return Filter(state, withNominated);
            }
        }

        return Filter(state, node);
    }

    /// <summary>The default filters in kube-scheduler's order; the first that fails decides.</summary>
    public static FilterFailure? Filter(CycleState state, NodeInfo node)
    {
        var pod = state.Pod.Pod;
        var n = node.Node!;
        if (NodeFilters.Unschedulable(pod, n) is { } unschedulable)
        {
            return new FilterFailure([unschedulable], true);
        }

        if (NodeFilters.UntoleratedTaint(pod, n) is { } taint)
        {
            return new FilterFailure([taint], true);
        }

        if (!NodeFilters.MatchesNodeSelectorAndAffinity(pod, n))
        {
            return new FilterFailure(["node(s) didn't match Pod's node affinity/selector"], true);
        }

        if (state.Pod.Ports.Count > 0 && NodeFilters.HostPortConflict(state.Pod, node))
        {
            return new FilterFailure(["node(s) didn't have free ports for the requested pod ports"], false);
        }

        if (NodeFilters.Insufficient(state.Pod, node) is { } insufficient)
        {
            return new FilterFailure(insufficient, false);
        }

        if (state.Volumes?.Filter(node) is { } volume)
        {
            return new FilterFailure([volume], true);
        }

        if (state.Spread?.Filter(node) is { } spread)
        {
            return new FilterFailure([spread.Reason], spread.Unresolvable);
        }

        if (state.Affinity.Filter(node) is { } affinity)
        {
            return new FilterFailure([affinity.Reason], affinity.Unresolvable);
        }

        return null;
    }

    public static Dictionary<string, int> Histogram(IEnumerable<FilterFailure> failures)
    {
        var reasons = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var failure in failures)
        {
            foreach (var reason in failure.Reasons)
            {
                reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
            }
        }

        return reasons;
    }

    /// <summary>"0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't match Pod's node affinity/selector."</summary>
    public static string FailureMessage(int nodeCount, IReadOnlyDictionary<string, int> reasons)
    {
        var parts = reasons.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Value} {r.Key}")).Order(StringComparer.Ordinal);
        return string.Create(CultureInfo.InvariantCulture, $"0/{nodeCount} nodes are available: {string.Join(", ", parts)}.");
    }
}
