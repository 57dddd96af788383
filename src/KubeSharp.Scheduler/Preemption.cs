using KubeSharp.Api.Selectors;

namespace KubeSharp.Scheduler;

/// <summary>The node a preemptor is nominated to and the lower-priority pods to remove from it.</summary>
internal sealed record PreemptionPlan(string NodeName, IReadOnlyList<PodInfo> Victims);

/// <summary>
/// DefaultPreemption: on every node that failed for a reason removing pods could fix, remove all
/// lower-priority pods, check that the pod then fits, and give back as many of them as still leave
/// room (most important first, disruption-budget-protected ones before the rest). Among those nodes
/// pick the one with the fewest budget violations, then the lowest highest victim priority, then
/// the smallest priority sum, then the fewest victims, then the latest-started highest victim.
/// </summary>
internal static class Preemption
{
    public const string NotHelpful = "Preemption is not helpful for scheduling.";
    public const string NoVictims = "No preemption victims found for incoming pod.";
    public const string PolicyNever = "not eligible due to preemptionPolicy=Never.";
    public const string VictimsTerminating = "not eligible due to a terminating pod on the nominated node.";

    private sealed record Candidate(NodeInfo Node, List<PodInfo> Victims, int BudgetViolations);

    /// <summary>A plan, or null; and the text after "preemption: " in the FailedScheduling message (null when a plan was found).</summary>
    public static (PreemptionPlan? Plan, string? Message) Find(CycleState state, IReadOnlyList<NodeInfo> nodes, IReadOnlyDictionary<string, FilterFailure> failures, ClusterObjects cluster)
    {
        if (state.Pod.Pod.Spec?.PreemptionPolicy == "Never")
        {
            return (null, PolicyNever);
        }

        // An earlier preemption for this pod is still under way: wait for its victims rather than pick more.
        if (state.Pod.Pod.Status?.NominatedNodeName is { Length: > 0 } nominated
            && nodes.FirstOrDefault(n => n.Name == nominated) is { } nominatedNode
            && nominatedNode.Pods.Any(p => p.Priority < state.Pod.Priority && p.Pod.Metadata?.DeletionTimestamp is not null))
        {
            return (null, VictimsTerminating);
        }

        var statuses = new Dictionary<string, int>(StringComparer.Ordinal);
        var candidates = new List<Candidate>();
        foreach (var node in nodes)
        {
            if (failures.TryGetValue(node.Name, out var failure) && failure.Unresolvable)
            {
                Note(statuses, NotHelpful);
                continue;
            }

            var (candidate, reasons) = TryNode(state, node, cluster);
            if (candidate is not null)
            {
                candidates.Add(candidate);
            }
            else
            {
                foreach (var reason in reasons)
                {
                    Note(statuses, reason);
                }
            }
        }

        if (candidates.Count == 0)
        {
            return (null, SchedulingAlgorithm.FailureMessage(nodes.Count, statuses));
        }

        var best = candidates
            .OrderBy(c => c.BudgetViolations)
            .ThenBy(c => c.Victims.Max(v => v.Priority))
            .ThenBy(c => c.Victims.Sum(v => (long)v.Priority + int.MaxValue + 1))
            .ThenBy(c => c.Victims.Count)
            .ThenByDescending(c => EarliestStartOfMostImportant(c.Victims))
            .First();
        return (new PreemptionPlan(best.Node.Name, best.Victims), null);
    }

    private static (Candidate? Candidate, IReadOnlyList<string> Reasons) TryNode(CycleState state, NodeInfo node, ClusterObjects cluster)
    {
        var priority = state.Pod.Priority;
        var lower = node.Pods.Where(p => p.Priority < priority).ToList();
        if (lower.Count == 0)
        {
            return (null, [NoVictims]);
        }

        var what = node.Clone();
        var whatState = state.Clone();
        foreach (var victim in lower)
        {
            what.RemovePod(victim.Key);
            whatState.Count(victim, node, -1);
        }

        if (SchedulingAlgorithm.Filter(whatState, what) is { } stillFails)
        {
            return (null, stillFails.Reasons);
        }

        // Most important first: higher priority, then earlier start.
        lower.Sort((a, b) => b.Priority != a.Priority ? b.Priority.CompareTo(a.Priority) : StartTime(a).CompareTo(StartTime(b)));
        var (violating, safe) = SplitByBudget(lower, cluster);
        var victims = new List<PodInfo>();
        var violations = 0;
        foreach (var (pod, isViolating) in violating.Select(p => (p, true)).Concat(safe.Select(p => (p, false))))
        {
            what.AddPod(pod);
            whatState.Count(pod, node, 1);
            if (SchedulingAlgorithm.Filter(whatState, what) is not null)
            {
                what.RemovePod(pod.Key);
                whatState.Count(pod, node, -1);
                victims.Add(pod);
                violations += isViolating ? 1 : 0;
            }
        }

        return victims.Count == 0 ? (null, [NoVictims]) : (new Candidate(node, victims, violations), []);
    }

    /// <summary>Victims whose eviction would exceed a matching budget's disruptionsAllowed, and the rest (order kept).</summary>
    private static (List<PodInfo> Violating, List<PodInfo> Safe) SplitByBudget(List<PodInfo> pods, ClusterObjects cluster)
    {
        var budgets = cluster.DisruptionBudgets()
            .Select(b => (Budget: b, Selector: Parse(b.Spec?.Selector), Allowed: b.Status?.DisruptionsAllowed ?? 0))
            .ToList();
        var violating = new List<PodInfo>();
        var safe = new List<PodInfo>();
        foreach (var pod in pods)
        {
            var violates = false;
            for (var i = 0; i < budgets.Count; i++)
            {
                var (budget, selector, allowed) = budgets[i];
                if (budget.Metadata?.Namespace != pod.Namespace || selector.IsEverything || selector.MatchesNothing || !selector.Matches(pod.Labels)
                    || budget.Status?.DisruptedPods?.ContainsKey(pod.Pod.Metadata?.Name ?? "") == true)
                {
                    continue;
                }

                budgets[i] = (budget, selector, allowed - 1);
                violates |= allowed - 1 < 0;
            }

            (violates ? violating : safe).Add(pod);
        }

        return (violating, safe);
    }

    private static LabelQuery Parse(KubeSharp.Api.LabelSelector? selector)
    {
        try
        {
            return LabelQuery.FromObject(selector);
        }
        catch (SelectorException)
        {
            return LabelQuery.Nothing;
        }
    }

    private static DateTimeOffset EarliestStartOfMostImportant(List<PodInfo> victims)
    {
        var top = victims.Max(v => v.Priority);
        return victims.Where(v => v.Priority == top).Min(StartTime);
    }

    private static DateTimeOffset StartTime(PodInfo pod) =>
        pod.Pod.Status?.StartTime ?? pod.Pod.Metadata?.CreationTimestamp ?? DateTimeOffset.MaxValue;

    private static void Note(Dictionary<string, int> statuses, string reason) => statuses[reason] = statuses.GetValueOrDefault(reason) + 1;
}
