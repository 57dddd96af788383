using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.Node.Cri.V1;
using Container = KubeSharp.Api.Core.V1.Container;

namespace KubeSharp.Node.Pods;

/// <summary>Quality-of-service class and the Linux resources (cgroup settings) of pods and containers, as the kubelet derives them.</summary>
internal static class PodResources
{
    public const string Guaranteed = "Guaranteed";
    public const string Burstable = "Burstable";
    public const string BestEffort = "BestEffort";
    private const long CpuPeriod = 100_000;
    private const long MinShares = 2;
    private const long MinQuota = 1_000;

    /// <summary>BestEffort without any cpu/memory request or limit; Guaranteed when every container limits both with requests equal to limits; else Burstable.</summary>
    public static string QosClass(PodSpec spec)
    {
        var containers = (spec.InitContainers ?? []).Concat(spec.Containers ?? []).ToList();
        var any = false;
        var guaranteed = containers.Count > 0;
        foreach (var container in containers)
        {
            foreach (var resource in new[] { "cpu", "memory" })
            {
                var request = Get(container.Resources?.Requests, resource);
                var limit = Get(container.Resources?.Limits, resource);
                any |= request is not null || limit is not null;
                if (limit is null || (request is not null && request.Value != limit.Value))
                {
                    guaranteed = false;
                }
            }
        }

        return !any ? BestEffort : guaranteed ? Guaranteed : Burstable;
    }

    /// <summary>The pod's cgroup under <paramref name="cgroupRoot"/>: Guaranteed pods directly, others under burstable/ or besteffort/.</summary>
    public static string CgroupParent(string cgroupRoot, string qosClass, string podUid) => qosClass switch
    {
        Guaranteed => $"{cgroupRoot}/pod{podUid}",
        Burstable => $"{cgroupRoot}/burstable/pod{podUid}",
        _ => $"{cgroupRoot}/besteffort/pod{podUid}",
    };

    public static LinuxContainerResources ContainerResources(Container container, string qosClass, long nodeMemoryBytes)
    {
        var cpuRequest = Get(container.Resources?.Requests, "cpu");
        var cpuLimit = Get(container.Resources?.Limits, "cpu");
        var memoryRequest = Get(container.Resources?.Requests, "memory");
        var memoryLimit = Get(container.Resources?.Limits, "memory");
        var resources = new LinuxContainerResources
        {
            CpuShares = Math.Max(MinShares, (cpuRequest ?? cpuLimit)?.MilliValue * 1024 / 1000 ?? MinShares),
            OomScoreAdj = OomScoreAdjust(qosClass, memoryRequest?.IntegerValue ?? memoryLimit?.IntegerValue ?? 0, nodeMemoryBytes),
        };
        if (cpuLimit is not null)
        {
            resources.CpuPeriod = CpuPeriod;
            resources.CpuQuota = Math.Max(MinQuota, cpuLimit.MilliValue * CpuPeriod / 1000);
        }

        if (memoryLimit is not null)
        {
            resources.MemoryLimitInBytes = memoryLimit.IntegerValue;
        }

        return resources;
    }

    // The kubelet's policy; containerd (restrict_oom_score_adj) raises a value below its own to its own.
    private static long OomScoreAdjust(string qosClass, long memoryRequest, long nodeMemoryBytes) => qosClass switch
    {
        Guaranteed => 0,
        BestEffort => 1000,
        _ => nodeMemoryBytes <= 0 ? 999 : Math.Clamp(1000 - (1000 * memoryRequest / nodeMemoryBytes), 2, 999),
    };

    private static Quantity? Get(Dictionary<string, Quantity>? resources, string name) =>
        resources is not null && resources.TryGetValue(name, out var value) ? value : null;
}
