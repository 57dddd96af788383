using System.Globalization;
using System.Runtime.CompilerServices;
using KubeSharp.Api.Core.V1;

namespace KubeSharp.Scheduler;

/// <summary>Where a pod goes: a node, or why none fits (the FailedScheduling message).</summary>
internal sealed record SchedulingResult(string? NodeName, string? FailureMessage)
{
    public bool Scheduled => NodeName is not null;
}

/// <summary>
/// Filters every node, scores the feasible ones by how little of their cpu and memory would be
/// allocated (spreading load), and picks the best; ties are broken at random.
/// </summary>
internal static class SchedulingAlgorithm
{
    /// <summary>Requests assumed for scoring when a container asks for nothing (Kubernetes' non-zero defaults).</summary>
    public const long DefaultMilliCpu = 100;
    public const long DefaultMemory = 200L * 1024 * 1024;
    private static readonly ConditionalWeakTable<Pod, StrongBox<(long MilliCpu, long Memory)>> NonZeroRequestsByPod = [];

    public static SchedulingResult Schedule(Pod pod, IReadOnlyList<NodeInfo> nodes, Random random)
    {
        if (nodes.Count == 0)
        {
            return new SchedulingResult(null, "no nodes available to schedule pods");
        }

        var feasible = new List<NodeInfo>();
        var reasons = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            var failed = NodeFilters.Check(pod, node);
            if (failed.Count == 0)
            {
                feasible.Add(node);
                continue;
            }

            foreach (var reason in failed)
            {
                reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
            }
        }

        if (feasible.Count == 0)
        {
            return new SchedulingResult(null, FailureMessage(nodes.Count, reasons));
        }

        var best = new List<NodeInfo>();
        var bestScore = long.MinValue;
        foreach (var node in feasible)
        {
            var score = LeastAllocatedScore(pod, node);
            if (score > bestScore)
            {
                bestScore = score;
                best.Clear();
            }

            if (score == bestScore)
            {
                best.Add(node);
            }
        }

        return new SchedulingResult(best[random.Next(best.Count)].Name, null);
    }

    /// <summary>"0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't match Pod's node affinity/selector."</summary>
    public static string FailureMessage(int nodeCount, IReadOnlyDictionary<string, int> reasons)
    {
        var parts = reasons.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Value} {r.Key}")).Order(StringComparer.Ordinal);
        return string.Create(CultureInfo.InvariantCulture, $"0/{nodeCount} nodes are available: {string.Join(", ", parts)}.");
    }

    /// <summary>0–100: the mean over cpu and memory of the share of allocatable left free after placing the pod.</summary>
    public static long LeastAllocatedScore(Pod pod, NodeInfo node)
    {
        var allocatable = ResourceList.AllocatableOf(node.Node);
        long cpu = 0, memory = 0;
        foreach (var p in node.Pods.Append(pod))
        {
            var (c, m) = NonZeroRequestsByPod.GetValue(p, x => new StrongBox<(long, long)>(NonZeroRequests(x))).Value;
            cpu += c;
            memory += m;
        }

        return (Free(allocatable[ResourceList.Cpu], cpu) + Free(allocatable[ResourceList.Memory], memory)) / 2;
    }

    private static long Free(long capacity, long requested) =>
        capacity <= 0 || requested > capacity ? 0 : (capacity - requested) * 100 / capacity;

    private static (long MilliCpu, long Memory) NonZeroRequests(Pod pod)
    {
        long cpu = 0, memory = 0;
        foreach (var container in pod.Spec?.Containers ?? [])
        {
            var requests = ResourceList.From(container.Resources?.Requests);
            cpu += requests.Has(ResourceList.Cpu) ? requests[ResourceList.Cpu] : DefaultMilliCpu;
            memory += requests.Has(ResourceList.Memory) ? requests[ResourceList.Memory] : DefaultMemory;
        }

        return (cpu, memory);
    }
}
