using System.Text.Json;
using System.Text.Json.Serialization;

namespace KubeSharp.Node.Stats;

/// <summary>
/// The body of the kubelet's <c>/stats/summary</c> (stats.k8s.io/v1alpha1 Summary), limited to what metrics need:
/// CPU and memory of the node, its pods and their containers.
/// </summary>
public sealed class StatsSummary
{
    /// <summary>Serializer options of the summary's JSON (camelCase, nulls omitted), for both ends of the wire.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public NodeStats? Node { get; set; }

    public List<PodStats> Pods { get; set; } = [];
}

public sealed class NodeStats
{
    public string? NodeName { get; set; }

    public DateTimeOffset? StartTime { get; set; }

    public CpuStats? Cpu { get; set; }

    public MemoryStats? Memory { get; set; }
}

public sealed class PodStats
{
    public PodReference? PodRef { get; set; }

    public DateTimeOffset? StartTime { get; set; }

    public List<ContainerStats> Containers { get; set; } = [];

    public CpuStats? Cpu { get; set; }

    public MemoryStats? Memory { get; set; }
}

public sealed class PodReference
{
    public string? Name { get; set; }

    public string? Namespace { get; set; }

    public string? Uid { get; set; }
}

public sealed class ContainerStats
{
    public string? Name { get; set; }

    public DateTimeOffset? StartTime { get; set; }

    public CpuStats? Cpu { get; set; }

    public MemoryStats? Memory { get; set; }
}

/// <summary>CPU use at <see cref="Time"/>: the rate over the last sampling interval and the cumulative total.</summary>
public sealed class CpuStats
{
    public DateTimeOffset? Time { get; set; }

    /// <summary>Average use over the sampling interval, in billionths of a core.</summary>
    public ulong? UsageNanoCores { get; set; }

    /// <summary>CPU time used since the container (or machine) started, in nanoseconds.</summary>
    public ulong? UsageCoreNanoSeconds { get; set; }
}

public sealed class MemoryStats
{
    public DateTimeOffset? Time { get; set; }

    public ulong? AvailableBytes { get; set; }

    public ulong? UsageBytes { get; set; }

    /// <summary>Memory in use that cannot be reclaimed without paging (usage minus inactive file cache): what `kubectl top` shows.</summary>
    public ulong? WorkingSetBytes { get; set; }
}
