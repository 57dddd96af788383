using KubeSharp.Api.Core.V1;

namespace KubeSharp.Controllers.Autoscaling;

/// <summary>One pod's use of a resource as metrics.k8s.io reported it: milli-units, measured over <paramref name="Window"/> ending at <paramref name="Timestamp"/>.</summary>
internal readonly record struct PodUsage(long MilliValue, DateTimeOffset Timestamp, TimeSpan Window);

/// <summary>The tunables of the replica calculation (kube-controller-manager's --horizontal-pod-autoscaler-* flags).</summary>
internal sealed record ReplicaCalculationSettings
{
    /// <summary>Usage within this fraction of the target (either way) changes nothing.</summary>
    public double Tolerance { get; init; } = 0.1;

    /// <summary>After a pod starts, CPU samples count only once it is ready and one metric window has passed since.</summary>
    public TimeSpan CpuInitializationPeriod { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Past the initialization period, an unready pod whose readiness last changed within this long of its start has never been ready: its CPU is ignored.</summary>
    public TimeSpan InitialReadinessDelay { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>A metric could not give a replica count; the message is worded as Kubernetes words it.</summary>
internal sealed class MetricUnavailableException(string message) : Exception(message);

/// <summary>A replica count proposed by a utilization target, with the utilization (percent of requests) and the average use seen.</summary>
internal readonly record struct UtilizationProposal(int Replicas, int Utilization, long AverageMilliValue);

/// <summary>A replica count proposed by an average-value target, with the average use seen.</summary>
internal readonly record struct AverageValueProposal(int Replicas, long AverageMilliValue);

/// <summary>How the target's pods count for a metric.</summary>
/// <param name="ReadyCount">Pods whose sample counts.</param>
/// <param name="Unready">Pending pods, and (CPU only) unready pods or samples taken too soon after a pod became ready.</param>
/// <param name="Missing">Running pods without a sample.</param>
/// <param name="Ignored">Pods being deleted or failed.</param>
internal sealed record PodGroups(int ReadyCount, IReadOnlySet<string> Unready, IReadOnlySet<string> Missing, IReadOnlySet<string> Ignored);

/// <summary>
/// The replica count a Resource metric asks for, as the Horizontal Pod Autoscaler computes it: the ratio of use to
/// target over the pods with samples; nothing changes within the tolerance. When pods lack samples or are not ready,
/// the ratio is recomputed assuming the least helpful use for them (missing pods at the target when scaling down,
/// at zero when scaling up; unready pods at zero when scaling up), and a recomputed ratio that flips the direction or
/// falls within the tolerance keeps the current count. Scaling to zero is not offered: a Resource metric needs pods.
/// </summary>
internal static class ReplicaCalculation
{
    /// <summary>Replicas for an average utilization target (percent of the pods' requests).</summary>
    public static UtilizationProposal ForUtilization(
        int currentReplicas, int targetUtilization, string resource, string? container, IReadOnlyList<Pod> pods,
        IReadOnlyDictionary<string, PodUsage> usage, ReplicaCalculationSettings settings, DateTimeOffset now)
    {
        if (pods.Count == 0)
        {
            throw new MetricUnavailableException("no pods returned by selector while calculating replica count");
        }

        var groups = Group(pods, usage, resource, settings, now);
        var samples = Counted(usage, groups);
        if (samples.Count == 0)
        {
            throw new MetricUnavailableException("did not receive metrics for targeted pods (pods might be unready)");
        }

        var requests = Requests(pods, container, resource);
        var (ratio, utilization, average) = UtilizationRatio(samples, requests, targetUtilization);
        var scaleUpWithUnready = groups.Unready.Count > 0 && ratio > 1.0;
        if (!scaleUpWithUnready && groups.Missing.Count == 0)
        {
            var replicas = Within(ratio, settings.Tolerance) ? currentReplicas : (int)Math.Ceiling(ratio * groups.ReadyCount);
            return new UtilizationProposal(replicas, utilization, average);
        }

        if (groups.Missing.Count > 0 && ratio != 1.0)
        {
            // Scaling down: a pod without a sample is taken to use its full request (or the target, when above 100%).
            var fallbackPercent = Math.Max(100, targetUtilization);
            foreach (var name in groups.Missing)
            {
                samples[name] = ratio < 1.0 ? requests.GetValueOrDefault(name) * fallbackPercent / 100 : 0;
            }
        }

        if (scaleUpWithUnready)
        {
            foreach (var name in groups.Unready)
            {
                samples[name] = 0;
            }
        }

        var (newRatio, _, _) = UtilizationRatio(samples, requests, targetUtilization);
        return new UtilizationProposal(Rebalanced(currentReplicas, ratio, newRatio, samples.Count, settings.Tolerance), utilization, average);
    }

    /// <summary>Replicas for an average value target (milli-units per pod).</summary>
    public static AverageValueProposal ForAverageValue(
        int currentReplicas, long targetMilliValue, string resource, IReadOnlyList<Pod> pods,
        IReadOnlyDictionary<string, PodUsage> usage, ReplicaCalculationSettings settings, DateTimeOffset now)
    {
        if (pods.Count == 0)
        {
            throw new MetricUnavailableException("no pods returned by selector while calculating replica count");
        }

        var groups = Group(pods, usage, resource, settings, now);
        var samples = Counted(usage, groups);
        if (samples.Count == 0)
        {
            throw new MetricUnavailableException("did not receive metrics for targeted pods (pods might be unready)");
        }

        var (ratio, average) = AverageRatio(samples, targetMilliValue);
        var scaleUpWithUnready = groups.Unready.Count > 0 && ratio > 1.0;
        if (!scaleUpWithUnready && groups.Missing.Count == 0)
        {
            var replicas = Within(ratio, settings.Tolerance) ? currentReplicas : (int)Math.Ceiling(ratio * groups.ReadyCount);
            return new AverageValueProposal(replicas, average);
        }

        if (groups.Missing.Count > 0 && ratio != 1.0)
        {
            foreach (var name in groups.Missing)
            {
                samples[name] = ratio < 1.0 ? targetMilliValue : 0;
            }
        }

        if (scaleUpWithUnready)
        {
            foreach (var name in groups.Unready)
            {
                samples[name] = 0;
            }
        }

        var (newRatio, _) = AverageRatio(samples, targetMilliValue);
        return new AverageValueProposal(Rebalanced(currentReplicas, ratio, newRatio, samples.Count, settings.Tolerance), average);
    }

    /// <summary>Sorts the pods by whether their sample counts; see <see cref="PodGroups"/>.</summary>
    public static PodGroups Group(IEnumerable<Pod> pods, IReadOnlyDictionary<string, PodUsage> usage, string resource, ReplicaCalculationSettings settings, DateTimeOffset now)
    {
        var ready = 0;
        HashSet<string> unready = [], missing = [], ignored = [];
        foreach (var pod in pods)
        {
            var name = pod.Metadata?.Name ?? "";
            var phase = pod.Status?.Phase;
            if (pod.Metadata?.DeletionTimestamp is not null || phase == "Failed")
            {
                ignored.Add(name);
                continue;
            }

            if (phase == "Pending")
            {
                unready.Add(name);
                continue;
            }

            if (!usage.TryGetValue(name, out var sample))
            {
                missing.Add(name);
                continue;
            }

            if (resource == "cpu" && !CpuSampleCounts(pod, sample, settings, now))
            {
                unready.Add(name);
                continue;
            }

            ready++;
        }

        return new PodGroups(ready, unready, missing, ignored);
    }

    /// <summary>
    /// Whether a CPU sample reflects steady use: within the initialization period only from a ready pod, measured
    /// wholly after it became ready; later, unless the pod is unready and has never been ready.
    /// </summary>
    private static bool CpuSampleCounts(Pod pod, PodUsage sample, ReplicaCalculationSettings settings, DateTimeOffset now)
    {
        var condition = pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready");
        if (condition is null || pod.Status?.StartTime is not { } started)
        {
            return false;
        }

        var transition = condition.LastTransitionTime ?? started;
        if (started + settings.CpuInitializationPeriod > now)
        {
            return condition.Status != "False" && sample.Timestamp >= transition + sample.Window;
        }

        return !(condition.Status == "False" && started + settings.InitialReadinessDelay > transition);
    }

    /// <summary>
    /// Each pod's request for <paramref name="resource"/> in milli-units: the sum over its containers and sidecars
    /// (restartable init containers), or only <paramref name="container"/> when given. A container without the request
    /// makes utilization undefined.
    /// </summary>
    public static Dictionary<string, long> Requests(IEnumerable<Pod> pods, string? container, string resource)
    {
        var requests = new Dictionary<string, long>();
        foreach (var pod in pods)
        {
            var name = pod.Metadata?.Name ?? "";
            var containers = (pod.Spec?.Containers ?? []).Concat((pod.Spec?.InitContainers ?? []).Where(c => c.RestartPolicy == "Always"));
            var sum = 0L;
            var found = false;
            foreach (var c in containers)
            {
                if (!string.IsNullOrEmpty(container) && c.Name != container)
                {
                    continue;
                }

                found = true;
                if (c.Resources?.Requests?.TryGetValue(resource, out var request) != true || request is null)
                {
                    throw new MetricUnavailableException($"missing request for {resource} in container {c.Name} of Pod {name}");
                }

                sum += request.MilliValue;
            }

            if (!string.IsNullOrEmpty(container) && !found)
            {
                throw new MetricUnavailableException($"container {container} not found in Pod {name}");
            }

            requests[name] = sum;
        }

        return requests;
    }

    private static Dictionary<string, long> Counted(IReadOnlyDictionary<string, PodUsage> usage, PodGroups groups) =>
        usage.Where(u => !groups.Unready.Contains(u.Key) && !groups.Ignored.Contains(u.Key)).ToDictionary(u => u.Key, u => u.Value.MilliValue);

    /// <summary>Use over requests (of pods with a known request), as the truncated percentage Kubernetes reports, over the target.</summary>
    private static (double Ratio, int Utilization, long Average) UtilizationRatio(Dictionary<string, long> samples, Dictionary<string, long> requests, int targetUtilization)
    {
        long used = 0, requested = 0;
        var counted = 0;
        foreach (var (name, value) in samples)
        {
            if (!requests.TryGetValue(name, out var request))
            {
                continue;
            }

            used += value;
            requested += request;
            counted++;
        }

        if (requested == 0)
        {
            throw new MetricUnavailableException("no metrics returned matched known pods");
        }

        var utilization = (int)(used * 100 / requested);
        return ((double)utilization / targetUtilization, utilization, used / counted);
    }

    private static (double Ratio, long Average) AverageRatio(Dictionary<string, long> samples, long target)
    {
        var average = samples.Values.Sum() / samples.Count;
        return ((double)average / target, average);
    }

    private static bool Within(double ratio, double tolerance) => Math.Abs(1.0 - ratio) <= tolerance;

    /// <summary>The count after filling in assumed use: the current count when the change is small or would reverse direction.</summary>
    private static int Rebalanced(int currentReplicas, double ratio, double newRatio, int podCount, double tolerance)
    {
        if (Within(newRatio, tolerance) || (ratio < 1.0 && newRatio > 1.0) || (ratio > 1.0 && newRatio < 1.0))
        {
            return currentReplicas;
        }

        var replicas = (int)Math.Ceiling(newRatio * podCount);
        return (newRatio < 1.0 && replicas > currentReplicas) || (newRatio > 1.0 && replicas < currentReplicas) ? currentReplicas : replicas;
    }
}
