using KubeSharp.Api.Core.V1;

namespace KubeSharp.Controllers.ReplicaSets;

/// <summary>The replica counts a ReplicaSet or ReplicationController reports in its status.</summary>
internal sealed record ReplicaCounts(int Replicas, int FullyLabeledReplicas, int ReadyReplicas, int AvailableReplicas)
{
    /// <summary>Kubernetes leaves zero counts other than replicas out of the status (omitempty).</summary>
    public static int? OmitZero(int value) => value == 0 ? null : value;
}

/// <summary>Pure decisions of the replica controllers: how many pods to add, which to delete, what to report.</summary>
internal static class ReplicaPlan
{
    /// <summary>At most this many pods are created or deleted in one sync.</summary>
    public const int BurstReplicas = 500;

    /// <summary>Pods to create (positive) or delete (negative) to go from <paramref name="active"/> to <paramref name="desired"/>.</summary>
    public static int Diff(int active, int desired) => Math.Clamp(desired - active, -BurstReplicas, BurstReplicas);

    /// <summary>
    /// Creation batches of 1, 2, 4, … pods: a failing create (quota, admission) is noticed after one
    /// request instead of hundreds.
    /// </summary>
    public static IEnumerable<int> SlowStartBatches(int total)
    {
        var remaining = total;
        for (var size = 1; remaining > 0; size *= 2)
        {
            var batch = Math.Min(size, remaining);
            yield return batch;
            remaining -= batch;
        }
    }

    /// <summary>
    /// The <paramref name="count"/> pods to delete first, in Kubernetes' order: unscheduled before
    /// scheduled; pending before unknown before running; not ready before ready; pods sharing a node
    /// with more of their siblings first; more recently ready first; more restarts first; newer first.
    /// </summary>
    public static IReadOnlyList<Pod> PodsToDelete(IReadOnlyList<Pod> pods, int count)
    {
        var perNode = pods.Where(p => !string.IsNullOrEmpty(p.Spec?.NodeName))
            .GroupBy(p => p.Spec!.NodeName!)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var ordered = pods.ToList();
        ordered.Sort((a, b) => CompareForDeletion(a, b, perNode));
        return ordered.Take(Math.Max(count, 0)).ToList();
    }

    /// <summary>Negative when <paramref name="a"/> should be deleted before <paramref name="b"/>.</summary>
    internal static int CompareForDeletion(Pod a, Pod b, IReadOnlyDictionary<string, int> siblingsPerNode)
    {
        var aAssigned = !string.IsNullOrEmpty(a.Spec?.NodeName);
        var bAssigned = !string.IsNullOrEmpty(b.Spec?.NodeName);
        if (aAssigned != bAssigned)
        {
            return aAssigned ? 1 : -1;
        }

        var phase = PhaseRank(a).CompareTo(PhaseRank(b));
        if (phase != 0)
        {
            return phase;
        }

        var aReady = PodState.IsReady(a);
        var bReady = PodState.IsReady(b);
        if (aReady != bReady)
        {
            return aReady ? 1 : -1;
        }

        var aSiblings = aAssigned ? siblingsPerNode.GetValueOrDefault(a.Spec!.NodeName!) : 0;
        var bSiblings = bAssigned ? siblingsPerNode.GetValueOrDefault(b.Spec!.NodeName!) : 0;
        if (aSiblings != bSiblings)
        {
            return bSiblings.CompareTo(aSiblings);
        }

        if (aReady && PodState.ReadySince(a) is { } aSince && PodState.ReadySince(b) is { } bSince && aSince != bSince)
        {
            return bSince.CompareTo(aSince);
        }

        var restarts = PodState.RestartCount(b).CompareTo(PodState.RestartCount(a));
        if (restarts != 0)
        {
            return restarts;
        }

        var aCreated = a.Metadata?.CreationTimestamp ?? DateTimeOffset.MinValue;
        var bCreated = b.Metadata?.CreationTimestamp ?? DateTimeOffset.MinValue;
        if (aCreated != bCreated)
        {
            return bCreated.CompareTo(aCreated);
        }

        return string.CompareOrdinal(a.Metadata?.Name, b.Metadata?.Name);
    }

    private static int PhaseRank(Pod pod) => pod.Status?.Phase switch
    {
        "Pending" or null or "" => 0,
        "Unknown" => 1,
        "Running" => 2,
        _ => 3,
    };

    /// <summary>The status counts of <paramref name="pods"/> (the controller's active pods).</summary>
    public static ReplicaCounts Count(IReadOnlyList<Pod> pods, IReadOnlyDictionary<string, string>? templateLabels, int minReadySeconds, DateTimeOffset now)
    {
        var fullyLabeled = pods.Count(p => templateLabels is null || templateLabels.All(l => p.Metadata?.Labels is { } labels && labels.TryGetValue(l.Key, out var v) && v == l.Value));
        var ready = pods.Count(PodState.IsReady);
        var available = pods.Count(p => PodState.IsAvailable(p, minReadySeconds, now));
        return new ReplicaCounts(pods.Count, fullyLabeled, ready, available);
    }

    /// <summary>
    /// When a pod that is ready but not yet available (minReadySeconds) becomes available, or null
    /// when none is waiting.
    /// </summary>
    public static TimeSpan? NextAvailabilityCheck(IReadOnlyList<Pod> pods, int minReadySeconds, DateTimeOffset now)
    {
        if (minReadySeconds <= 0)
        {
            return null;
        }

        TimeSpan? next = null;
        foreach (var pod in pods)
        {
            if (PodState.ReadySince(pod) is { } since && !PodState.IsAvailable(pod, minReadySeconds, now))
            {
                var wait = since.AddSeconds(minReadySeconds) - now + TimeSpan.FromMilliseconds(100);
                next = next is null || wait < next ? wait : next;
            }
        }

        return next;
    }
}
