using KubeSharp.Api.Coordination.V1;
using KubeSharp.Api.Core.V1;

namespace KubeSharp.Controllers.NodeLifecycle;

/// <summary>
/// Pure decisions of the node lifecycle controller: whether a node's agent went silent, and which
/// condition taints a node should carry (not-ready / unreachable for its Ready condition,
/// unschedulable when cordoned), as Kubernetes' node lifecycle controller sets them.
/// </summary>
internal static class NodeHealth
{
    /// <summary>How long a node may go without a heartbeat before it is considered unreachable.</summary>
    public static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(40);

    public const string NotReadyTaint = "node.kubernetes.io/not-ready";
    public const string UnreachableTaint = "node.kubernetes.io/unreachable";
    public const string UnschedulableTaint = "node.kubernetes.io/unschedulable";
    private static readonly string[] ManagedKeys = [NotReadyTaint, UnreachableTaint, UnschedulableTaint];

    /// <summary>The last sign of life: the heartbeat Lease's renewTime, the Ready condition's heartbeat, or the node's creation.</summary>
    public static DateTimeOffset LastHeartbeat(Node node, Lease? lease)
    {
        var last = DateTimeOffset.MinValue;
        foreach (var time in (ReadOnlySpan<DateTimeOffset?>)[lease?.Spec?.RenewTime, ReadyCondition(node)?.LastHeartbeatTime, node.Metadata?.CreationTimestamp])
        {
            if (time is { } t && t > last)
            {
                last = t;
            }
        }

        return last;
    }

    /// <summary>True when the node's agent has been silent past the grace period and its Ready condition does not yet say Unknown.</summary>
    public static bool WentSilent(Node node, Lease? lease, DateTimeOffset now) =>
        now - LastHeartbeat(node, lease) > GracePeriod
        && ReadyCondition(node)?.Status != "Unknown";

    private static NodeCondition? ReadyCondition(Node node)
    {
        if (node.Status?.Conditions is not { } conditions)
        {
            return null;
        }

        foreach (var condition in conditions)
        {
            if (condition.Type == "Ready")
            {
                return condition;
            }
        }

        return null;
    }

    /// <summary>Marks every kubelet-owned condition Unknown (heartbeat times kept), adding Ready if missing.</summary>
    public static void MarkUnknown(Node node, DateTimeOffset now)
    {
        var conditions = (node.Status ??= new NodeStatus()).Conditions ??= [];
        if (!conditions.Any(c => c.Type == "Ready"))
        {
            conditions.Add(new NodeCondition { Type = "Ready", LastHeartbeatTime = now });
        }

        foreach (var condition in conditions.Where(c => c.Type is "Ready" or "MemoryPressure" or "DiskPressure" or "PIDPressure"))
        {
            if (condition.Status != "Unknown")
            {
                condition.LastTransitionTime = now;
            }

            condition.Status = "Unknown";
            condition.Reason = "NodeStatusUnknown";
            condition.Message = "Kubelet stopped posting node status.";
        }
    }

    /// <summary>
    /// The taints the node should have: its other taints unchanged, plus not-ready or unreachable
    /// (NoSchedule and NoExecute) for a Ready condition of False or Unknown and unschedulable
    /// (NoSchedule) when cordoned. Taints kept from before keep their timeAdded.
    /// </summary>
    public static List<Taint> DesiredTaints(Node node, DateTimeOffset now)
    {
        var current = node.Spec?.Taints ?? [];
        var result = current.Where(t => !ManagedKeys.Contains(t.Key)).ToList();
        var wanted = new List<(string Key, string Effect)>();
        var ready = ReadyCondition(node)?.Status;
        if (ready == "False")
        {
            wanted.Add((NotReadyTaint, "NoSchedule"));
            wanted.Add((NotReadyTaint, "NoExecute"));
        }
        else if (ready is "Unknown" or null)
        {
            wanted.Add((UnreachableTaint, "NoSchedule"));
            wanted.Add((UnreachableTaint, "NoExecute"));
        }

        if (node.Spec?.Unschedulable == true)
        {
            wanted.Add((UnschedulableTaint, "NoSchedule"));
        }

        foreach (var (key, effect) in wanted)
        {
            result.Add(current.FirstOrDefault(t => t.Key == key && t.Effect == effect)
                ?? new Taint { Key = key, Effect = effect, TimeAdded = effect == "NoExecute" ? now : null });
        }

        return result;
    }

    public static bool SameTaints(IReadOnlyList<Taint>? a, IReadOnlyList<Taint> b) =>
        (a ?? []).Select(t => (t.Key, t.Value, t.Effect)).OrderBy(t => t.Key, StringComparer.Ordinal).ThenBy(t => t.Effect, StringComparer.Ordinal)
            .SequenceEqual(b.Select(t => (t.Key, t.Value, t.Effect)).OrderBy(t => t.Key, StringComparer.Ordinal).ThenBy(t => t.Effect, StringComparer.Ordinal));

    /// <summary>Kubernetes' DefaultTolerationSeconds admission gives every pod this long on a not-ready or unreachable node.</summary>
    public const long DefaultTolerationSeconds = 300;

    /// <summary>
    /// When a pod must leave a node because of its NoExecute taints: at once for a taint it does not
    /// tolerate, at timeAdded + tolerationSeconds for one tolerated for a while, never (null) when
    /// every NoExecute taint is tolerated indefinitely. Pods without a toleration for the not-ready
    /// or unreachable taint get the default 300 s, as the admission plugin would have given them.
    /// </summary>
    public static DateTimeOffset? EvictionTime(Pod pod, IEnumerable<Taint> taints, DateTimeOffset now)
    {
        DateTimeOffset? earliest = null;
        foreach (var taint in taints.Where(t => t.Effect == "NoExecute"))
        {
            var since = taint.TimeAdded ?? now;
            var matching = (pod.Spec?.Tolerations ?? []).Where(t => Scheduler.NodeFilters.Tolerates(t, taint)).ToList();
            DateTimeOffset? at;
            if (matching.Count == 0)
            {
                at = taint.Key is NotReadyTaint or UnreachableTaint ? since.AddSeconds(DefaultTolerationSeconds) : now;
            }
            else if (matching.Any(t => t.TolerationSeconds is null))
            {
                at = null;
            }
            else
            {
                at = since.AddSeconds(Math.Max(matching.Min(t => t.TolerationSeconds!.Value), 0));
            }

            if (at is { } time && (earliest is null || time < earliest))
            {
                earliest = time;
            }
        }

        return earliest;
    }
}
