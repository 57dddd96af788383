using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.Api.Scheduling.V1;
using KubeSharp.ApiServer.Http;
using KubeSharp.ApiServer.Registry;
using KubeSharp.ApiServer.Storage;

namespace KubeSharp.ApiServer.Admission;

/// <summary>
/// Kubernetes' Priority admission: a new pod's spec.priority and spec.preemptionPolicy come from
/// its priorityClassName (or the global default class, else priority 0); a class that does not
/// exist, or a priority or policy in the spec that disagrees with the class, is forbidden. A new
/// PriorityClass may not be a second global default. The built-in system-cluster-critical and
/// system-node-critical classes are known even before they are stored.
/// </summary>
public sealed class PriorityAdmission : IAdmissionPlugin
{
    public const string SystemClusterCritical = "system-cluster-critical";
    public const string SystemNodeCritical = "system-node-critical";
    public const int SystemCriticalPriority = 2_000_000_000;
    public const string DefaultPreemptionPolicy = "PreemptLowerPriority";

    /// <summary>The classes every cluster has (bootstrap stores them).</summary>
    public static IReadOnlyList<PriorityClass> SystemClasses { get; } =
    [
        new PriorityClass
        {
            ApiVersion = "scheduling.k8s.io/v1",
            Kind = "PriorityClass",
            Metadata = new ObjectMeta { Name = SystemNodeCritical },
            Value = SystemCriticalPriority + 1000,
            Description = "Used for system critical pods that must not be moved from their current node.",
            PreemptionPolicy = DefaultPreemptionPolicy,
        },
        new PriorityClass
        {
            ApiVersion = "scheduling.k8s.io/v1",
            Kind = "PriorityClass",
            Metadata = new ObjectMeta { Name = SystemClusterCritical },
            Value = SystemCriticalPriority,
            Description = "Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.",
            PreemptionPolicy = DefaultPreemptionPolicy,
        },
    ];

    public async Task AdmitAsync(ResourceStore store, ResourceDefinition definition, KubernetesObject obj, KubernetesObject? old, CancellationToken cancellationToken)
    {
        if (old is not null || obj is not (Pod { Spec: not null } or PriorityClass))
        {
            return;
        }

        var (items, _) = await store.Cache.SnapshotAsync(store.Catalog.Get<PriorityClass>(), false, cancellationToken).ConfigureAwait(false);
        var classes = items.Values.Select(s => (PriorityClass)s.Object).ToList();
        if (obj is Pod pod)
        {
            Apply(pod, classes);
        }
        else if (obj is PriorityClass { GlobalDefault: true } added
                 && classes.FirstOrDefault(c => c.GlobalDefault == true && c.Metadata?.Name != added.Metadata?.Name) is { } existing)
        {
            throw ApiException.Forbidden(
                new GroupResource("scheduling.k8s.io", "priorityclasses"),
                added.Metadata?.Name ?? "",
                $"PriorityClass {existing.Metadata?.Name} is already marked as default. Only one default can exist");
        }
    }

    /// <summary>Pure: fills the pod's priority and preemption policy from <paramref name="classes"/>, or throws 403.</summary>
    public static void Apply(Pod pod, IReadOnlyList<PriorityClass> classes)
    {
        var spec = pod.Spec!;
        PriorityClass? chosen;
        if (string.IsNullOrEmpty(spec.PriorityClassName))
        {
            // With several defaults (possible only through races), the lowest value wins.
            chosen = classes.Where(c => c.GlobalDefault == true).OrderBy(c => c.Value ?? 0).FirstOrDefault();
        }
        else
        {
            chosen = classes.FirstOrDefault(c => c.Metadata?.Name == spec.PriorityClassName)
                ?? SystemClasses.FirstOrDefault(c => c.Metadata?.Name == spec.PriorityClassName)
                ?? throw Forbidden(pod, $"no PriorityClass with name {spec.PriorityClassName} was found");
        }

        var priority = chosen?.Value ?? 0;
        var policy = chosen?.PreemptionPolicy ?? DefaultPreemptionPolicy;
        if (spec.Priority is { } given && given != priority)
        {
            throw Forbidden(pod, $"the integer value of priority ({given}) must not be provided in pod spec; priority admission controller computed {priority} from the given PriorityClass name");
        }

        if (spec.PreemptionPolicy is { } givenPolicy && givenPolicy != policy)
        {
            throw Forbidden(pod, $"the string value of PreemptionPolicy ({givenPolicy}) must not be provided in pod spec; priority admission controller computed {policy} from the given PriorityClass name");
        }

        if (chosen is not null && string.IsNullOrEmpty(spec.PriorityClassName))
        {
            spec.PriorityClassName = chosen.Metadata?.Name;
        }

        spec.Priority = priority;
        spec.PreemptionPolicy = policy;
    }

    private static ApiException Forbidden(Pod pod, string reason) =>
        ApiException.Forbidden(new GroupResource("", "pods"), pod.Metadata?.Name ?? pod.Metadata?.GenerateName ?? "", reason);
}
