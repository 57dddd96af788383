using KubeSharp.Api;
using KubeSharp.Api.Apps.V1;
using KubeSharp.Api.Core.V1;
using KubeSharp.Scheduler;

namespace KubeSharp.Controllers.DaemonSets;

/// <summary>What one sync of a DaemonSet does, and the status it reports.</summary>
internal sealed record DaemonSetDecision(IReadOnlyList<string> NodesNeedingPods, IReadOnlyList<Pod> PodsToDelete, DaemonSetStatus Status);

/// <summary>
/// The DaemonSet controller's decisions as a pure function: one pod on every node the pod template
/// fits (node selector, required node affinity, taints tolerated with the daemon tolerations), none
/// elsewhere, failed pods replaced, and RollingUpdate replacing out-of-date pods at most
/// maxUnavailable at a time.
/// </summary>
internal static class DaemonSetPlan
{
    public const string RevisionHashLabel = "controller-revision-hash";

    /// <summary>Tolerations Kubernetes adds to every daemon pod, so node conditions do not evict or block them.</summary>
    public static IEnumerable<Toleration> DaemonTolerations(PodSpec spec)
    {
        yield return new Toleration { Key = "node.kubernetes.io/not-ready", Operator = "Exists", Effect = "NoExecute" };
        yield return new Toleration { Key = "node.kubernetes.io/unreachable", Operator = "Exists", Effect = "NoExecute" };
        yield return new Toleration { Key = "node.kubernetes.io/disk-pressure", Operator = "Exists", Effect = "NoSchedule" };
        yield return new Toleration { Key = "node.kubernetes.io/memory-pressure", Operator = "Exists", Effect = "NoSchedule" };
        yield return new Toleration { Key = "node.kubernetes.io/pid-pressure", Operator = "Exists", Effect = "NoSchedule" };
        yield return new Toleration { Key = "node.kubernetes.io/unschedulable", Operator = "Exists", Effect = "NoSchedule" };
        if (spec.HostNetwork == true)
        {
            yield return new Toleration { Key = "node.kubernetes.io/network-unavailable", Operator = "Exists", Effect = "NoSchedule" };
        }
    }

    /// <summary>A daemon pod for the template, as it would be placed (with the daemon tolerations added).</summary>
    public static Pod PodTemplate(DaemonSet ds)
    {
        var template = ObjectCopy.Clone(ds.Spec?.Template ?? new PodTemplateSpec());
        var spec = template.Spec ?? new PodSpec();
        var tolerations = spec.Tolerations ??= [];
        foreach (var t in DaemonTolerations(spec))
        {
            if (!tolerations.Any(x => x.Key == t.Key && x.Effect == t.Effect))
            {
                tolerations.Add(t);
            }
        }

        return new Pod { Metadata = template.Metadata ?? new ObjectMeta(), Spec = spec };
    }

    public static bool ShouldRun(Pod template, Node node) =>
        NodeFilters.MatchesNodeSelectorAndAffinity(template, node) && NodeFilters.UntoleratedTaint(template, node) is null;

    /// <summary>The node a daemon pod is for: its nodeName, or the node its affinity pins it to before binding.</summary>
    public static string? TargetNode(Pod pod)
    {
        if (!string.IsNullOrEmpty(pod.Spec?.NodeName))
        {
            return pod.Spec.NodeName;
        }

        return pod.Spec?.Affinity?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution?.NodeSelectorTerms?
            .SelectMany(t => t.MatchFields ?? [])
            .FirstOrDefault(f => f.Key == "metadata.name" && f.Operator == "In" && f.Values is { Count: 1 })?.Values![0];
    }

    public static DaemonSetDecision Decide(DaemonSet ds, IReadOnlyList<Node> nodes, IReadOnlyList<Pod> pods, string currentHash, DateTimeOffset now)
    {
        var template = PodTemplate(ds);
        var minReady = ds.Spec?.MinReadySeconds ?? 0;
        var byNode = pods.Where(p => p.Metadata?.DeletionTimestamp is null)
            .GroupBy(p => TargetNode(p) ?? "")
            .ToDictionary(g => g.Key, g => g.OrderBy(p => p.Metadata?.CreationTimestamp ?? DateTimeOffset.MinValue).ToList(), StringComparer.Ordinal);
        var create = new List<string>();
        var delete = new List<Pod>();
        int desired = 0, scheduled = 0, misscheduled = 0, ready = 0, available = 0, updated = 0;
        var outdatedAvailable = new List<Pod>();
        var unavailableNow = 0;

        foreach (var node in nodes)
        {
            var name = node.Metadata?.Name ?? "";
            var onNode = byNode.GetValueOrDefault(name) ?? [];
            byNode.Remove(name);
            var shouldRun = ShouldRun(template, node);
            if (!shouldRun)
            {
                if (onNode.Count > 0)
                {
                    misscheduled++;
                    delete.AddRange(onNode);
                }

                continue;
            }

            desired++;
            var failed = onNode.Where(p => p.Status?.Phase == "Failed").ToList();
            delete.AddRange(failed);
            var running = onNode.Except(failed).ToList();
            if (running.Count == 0)
            {
                create.Add(name);
                unavailableNow++;
                continue;
            }

            scheduled++;
            delete.AddRange(running.Skip(1));
            var pod = running[0];
            var isUpdated = pod.Metadata?.Labels?.GetValueOrDefault(RevisionHashLabel) == currentHash;
            var isAvailable = PodState.IsAvailable(pod, minReady, now);
            ready += PodState.IsReady(pod) ? 1 : 0;
            available += isAvailable ? 1 : 0;
            updated += isUpdated ? 1 : 0;
            if (!isAvailable)
            {
                unavailableNow++;
            }

            if (!isUpdated && ds.Spec?.UpdateStrategy?.Type != "OnDelete")
            {
                if (isAvailable)
                {
                    outdatedAvailable.Add(pod);
                }
                else
                {
                    // An old pod that is not available costs nothing to replace.
                    delete.Add(pod);
                }
            }
        }

        // Pods for nodes that no longer exist.
        delete.AddRange(byNode.Values.SelectMany(p => p));

        var maxUnavailable = (ds.Spec?.UpdateStrategy?.RollingUpdate?.MaxUnavailable ?? IntOrString.FromInt(1)).Scaled(desired, roundUp: true);
        maxUnavailable = Math.Max(maxUnavailable, desired > 0 ? 1 : 0);
        delete.AddRange(outdatedAvailable.Take(Math.Max(maxUnavailable - unavailableNow, 0)));

        var status = new DaemonSetStatus
        {
            CurrentNumberScheduled = scheduled,
            NumberMisscheduled = misscheduled,
            DesiredNumberScheduled = desired,
            NumberReady = ready,
            ObservedGeneration = ds.Metadata?.Generation,
            UpdatedNumberScheduled = updated == 0 ? null : updated,
            NumberAvailable = available == 0 ? null : available,
            NumberUnavailable = desired - available == 0 ? null : desired - available,
            CollisionCount = ds.Status?.CollisionCount,
            Conditions = ds.Status?.Conditions,
        };
        return new DaemonSetDecision(create, delete.Distinct().ToList(), status);
    }
}
