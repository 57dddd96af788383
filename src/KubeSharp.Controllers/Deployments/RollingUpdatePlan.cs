using KubeSharp.Api;

namespace KubeSharp.Controllers.Deployments;

/// <summary>A ReplicaSet as the rollout arithmetic sees it.</summary>
internal sealed record ReplicaSetView(string Name, int Replicas, int AvailableReplicas);

/// <summary>A ReplicaSet for proportional scaling: its size, the deployment size+surge it was sized for (max-replicas annotation), and its age.</summary>
internal sealed record ScalableReplicaSet(string Name, int Replicas, int? AnnotatedMaxReplicas, DateTimeOffset Created);

/// <summary>
/// The arithmetic of a RollingUpdate, as pure functions: how far the new ReplicaSet may grow
/// (total pods never above replicas + maxSurge) and how far old ones may shrink (available pods
/// never below replicas - maxUnavailable).
/// </summary>
internal static class RollingUpdatePlan
{
    /// <summary>maxSurge (rounded up) and maxUnavailable (rounded down) as pod counts; both zero becomes maxUnavailable 1.</summary>
    public static (int MaxSurge, int MaxUnavailable) Resolve(int replicas, IntOrString? maxSurge, IntOrString? maxUnavailable)
    {
        var surge = (maxSurge ?? IntOrString.FromString("25%")).Scaled(replicas, roundUp: true);
        var unavailable = (maxUnavailable ?? IntOrString.FromString("25%")).Scaled(replicas, roundUp: false);
        if (surge == 0 && unavailable == 0)
        {
            unavailable = 1;
        }

        return (Math.Max(surge, 0), Math.Min(Math.Max(unavailable, 0), replicas));
    }

    /// <summary>The new ReplicaSet's replicas: grown towards <paramref name="desired"/> as far as the surge allows.</summary>
    public static int NewReplicaSetReplicas(int desired, int maxSurge, ReplicaSetView? newReplicaSet, IReadOnlyList<ReplicaSetView> oldReplicaSets)
    {
        var current = newReplicaSet?.Replicas ?? 0;
        if (current >= desired)
        {
            return desired;
        }

        var total = current + oldReplicaSets.Sum(r => r.Replicas);
        var room = desired + maxSurge - total;
        return room <= 0 ? current : current + Math.Min(room, desired - current);
    }

    /// <summary>
    /// Sizes after the deployment was resized mid-rollout: the replicas to add (or remove) to reach
    /// replicas + maxSurge are shared among the ReplicaSets in proportion to their current sizes
    /// (scaled from the size each was last set for), rounding leftovers going to the largest.
    /// </summary>
    public static Dictionary<string, int> ProportionalSizes(int desired, int maxSurge, int reportedReplicas, IReadOnlyList<ScalableReplicaSet> replicaSets)
    {
        var sizes = replicaSets.ToDictionary(r => r.Name, r => r.Replicas, StringComparer.Ordinal);
        var toAdd = desired + maxSurge - replicaSets.Sum(r => r.Replicas);
        if (toAdd == 0 || replicaSets.Count == 0)
        {
            return sizes;
        }

        var ordered = toAdd > 0
            ? replicaSets.OrderByDescending(r => r.Replicas).ThenByDescending(r => r.Created).ToList()
            : replicaSets.OrderByDescending(r => r.Replicas).ThenBy(r => r.Created).ToList();
        var added = 0;
        foreach (var rs in ordered)
        {
            var proportion = Proportion(rs, desired, maxSurge, reportedReplicas, toAdd, added);
            sizes[rs.Name] = rs.Replicas + proportion;
            added += proportion;
        }

        if (added != toAdd)
        {
            var largest = ordered[0].Name;
            sizes[largest] = Math.Max(sizes[largest] + toAdd - added, 0);
        }

        return sizes;
    }

    private static int Proportion(ScalableReplicaSet rs, int desired, int maxSurge, int reportedReplicas, int toAdd, int added)
    {
        if (rs.Replicas == 0 || toAdd == added)
        {
            return 0;
        }

        int fraction;
        if (desired == 0)
        {
            fraction = -rs.Replicas;
        }
        else
        {
            var sizedFor = rs.AnnotatedMaxReplicas ?? reportedReplicas;
            fraction = sizedFor == 0 ? 0 : (int)Math.Round((double)rs.Replicas * (desired + maxSurge) / sizedFor, MidpointRounding.AwayFromZero) - rs.Replicas;
        }

        var allowed = toAdd - added;
        return toAdd > 0 ? Math.Min(fraction, allowed) : Math.Max(fraction, allowed);
    }

    /// <summary>
    /// New replica counts for old ReplicaSets (only those that change). Unhealthy old pods go first,
    /// then healthy ones, oldest ReplicaSet first (callers pass them oldest first), keeping at least
    /// desired - maxUnavailable pods available.
    /// </summary>
    public static Dictionary<string, int> ScaleDownOld(int desired, int maxUnavailable, ReplicaSetView? newReplicaSet, IReadOnlyList<ReplicaSetView> oldReplicaSets)
    {
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        var replicas = oldReplicaSets.ToDictionary(r => r.Name, r => r.Replicas, StringComparer.Ordinal);
        var all = replicas.Values.Sum() + (newReplicaSet?.Replicas ?? 0);
        if (all == 0 || replicas.Values.Sum() == 0)
        {
            return result;
        }

        var minAvailable = desired - maxUnavailable;
        var newUnavailable = Math.Max((newReplicaSet?.Replicas ?? 0) - (newReplicaSet?.AvailableReplicas ?? 0), 0);
        var maxScaledDown = all - minAvailable - newUnavailable;
        if (maxScaledDown <= 0)
        {
            return result;
        }

        // Unavailable old pods do not count towards availability: removing them is always safe.
        foreach (var rs in oldReplicaSets)
        {
            if (maxScaledDown <= 0)
            {
                break;
            }

            var unhealthy = replicas[rs.Name] - Math.Min(rs.AvailableReplicas, replicas[rs.Name]);
            if (unhealthy <= 0)
            {
                continue;
            }

            var down = Math.Min(unhealthy, maxScaledDown);
            replicas[rs.Name] -= down;
            maxScaledDown -= down;
        }

        var available = oldReplicaSets.Sum(r => Math.Min(r.AvailableReplicas, replicas[r.Name])) + (newReplicaSet?.AvailableReplicas ?? 0);
        var budget = available - minAvailable;
        foreach (var rs in oldReplicaSets)
        {
            if (budget <= 0)
            {
                break;
            }

            var down = Math.Min(replicas[rs.Name], budget);
            replicas[rs.Name] -= down;
            budget -= down;
        }

        foreach (var rs in oldReplicaSets)
        {
            if (replicas[rs.Name] != rs.Replicas)
            {
                result[rs.Name] = replicas[rs.Name];
            }
        }

        return result;
    }
}
