using System.Runtime.CompilerServices;
using KubeSharp.Api;
using KubeSharp.Api.Core.V1;

namespace KubeSharp.Scheduler;

/// <summary>
/// Resource amounts in the scheduler's integer units: cpu in millicores, everything else in whole
/// units (bytes, pods, device counts).
/// </summary>
internal sealed class ResourceList
{
    public const string Cpu = "cpu";
    public const string Memory = "memory";
    public const string Pods = "pods";

    // Informer caches hand out one object per resourceVersion and replace it on change, so amounts derived
    // from an object can be kept with that object: a scheduling decision then parses no quantities again.
    private static readonly ConditionalWeakTable<Pod, ResourceList> PodRequests = [];
    private static readonly ConditionalWeakTable<Node, ResourceList> NodeAllocatable = [];

    private readonly Dictionary<string, long> _amounts = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, long> Amounts => _amounts;

    public long this[string resource] => _amounts.GetValueOrDefault(resource);

    public bool Has(string resource) => _amounts.ContainsKey(resource);

    public void Add(string resource, long amount) => _amounts[resource] = _amounts.GetValueOrDefault(resource) + amount;

    public void Add(ResourceList other)
    {
        foreach (var (k, v) in other._amounts)
        {
            Add(k, v);
        }
    }

    public static long Units(string resource, Quantity quantity) => resource == Cpu ? quantity.MilliValue : quantity.IntegerValue;

    public static ResourceList From(IReadOnlyDictionary<string, Quantity>? quantities)
    {
        var list = new ResourceList();
        foreach (var (k, v) in quantities ?? new Dictionary<string, Quantity>())
        {
            list._amounts[k] = Units(k, v);
        }

        return list;
    }

    /// <summary>
    /// What a pod asks for: the larger of its containers' summed requests and any one init
    /// container's requests, per resource, plus the pod overhead. Computed once per pod object;
    /// the result is shared and must not be modified.
    /// </summary>
    public static ResourceList RequestsOf(Pod pod) => PodRequests.GetValue(pod, ComputeRequestsOf);

    /// <summary>The node's status.allocatable, computed once per node object; shared, must not be modified.</summary>
    public static ResourceList AllocatableOf(Node node) => NodeAllocatable.GetValue(node, n => From(n.Status?.Allocatable));

    private static ResourceList ComputeRequestsOf(Pod pod)
    {
        var sum = new ResourceList();
        foreach (var container in pod.Spec?.Containers ?? [])
        {
            sum.Add(From(container.Resources?.Requests));
        }

        foreach (var init in pod.Spec?.InitContainers ?? [])
        {
            foreach (var (k, v) in From(init.Resources?.Requests)._amounts)
            {
                if (v > sum[k])
                {
                    sum._amounts[k] = v;
                }
            }
        }

        sum.Add(From(pod.Spec?.Overhead));
        return sum;
    }
}
