using System.Globalization;
using KubeSharp.Node.Cri;
using KubeSharp.Node.Pods;

namespace KubeSharp.Node.Stats;

/// <summary>
/// Builds the node's stats summary: the machine's CPU and memory from /proc, each running container's from the
/// runtime (CRI ListContainerStats), pods as the sum of their containers. CPU rates come from <see cref="CpuUsageRates"/>;
/// when a rate is not known yet (first request, new container) a second sample is taken after the minimum interval.
/// </summary>
internal sealed class StatsCollector(CriRuntimeClient runtime, string nodeName, string procDirectory = "/proc")
{
    private const string NodeKey = "/";
    private static readonly DateTimeOffset BootTime = DateTimeOffset.UtcNow - TimeSpan.FromMilliseconds(Environment.TickCount64);
    private readonly CpuUsageRates _rates = new();

    public async Task<StatsSummary> CollectAsync(CancellationToken cancellationToken)
    {
        var summary = await SampleAsync(cancellationToken).ConfigureAwait(false);
        if (summary.Node?.Cpu?.UsageNanoCores is null || summary.Pods.SelectMany(p => p.Containers).Any(c => c.Cpu?.UsageNanoCores is null))
        {
            await Task.Delay(CpuUsageRates.MinimumInterval, cancellationToken).ConfigureAwait(false);
            summary = await SampleAsync(cancellationToken).ConfigureAwait(false);
        }

        return summary;
    }

    private async Task<StatsSummary> SampleAsync(CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var running = (await runtime.ListContainersAsync(
                new Cri.V1.ContainerFilter { State = new Cri.V1.ContainerStateValue { State = Cri.V1.ContainerState.ContainerRunning } },
                cancellationToken).ConfigureAwait(false))
            .ToDictionary(c => c.Id);
        var stats = await runtime.ListContainerStatsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var live = new HashSet<string>(StringComparer.Ordinal) { NodeKey };
        var pods = new Dictionary<string, PodStats>(StringComparer.Ordinal);
        foreach (var s in stats)
        {
            var id = s.Attributes?.Id ?? "";
            if (!running.TryGetValue(id, out var container))
            {
                continue;
            }

            live.Add(id);
            var labels = container.Labels;
            var uid = labels.GetValueOrDefault(CriConfigBuilder.PodUidLabel, "");
            if (!pods.TryGetValue(uid, out var pod))
            {
                pod = new PodStats
                {
                    PodRef = new PodReference
                    {
                        Name = labels.GetValueOrDefault(CriConfigBuilder.PodNameLabel),
                        Namespace = labels.GetValueOrDefault(CriConfigBuilder.PodNamespaceLabel),
                        Uid = uid,
                    },
                };
                pods[uid] = pod;
            }

            var cpuTime = s.Cpu is { Timestamp: > 0 } ? FromNanoseconds(s.Cpu.Timestamp) : now;
            var cpuTotal = s.Cpu?.UsageCoreNanoSeconds?.Value ?? 0;
            var memoryTime = s.Memory is { Timestamp: > 0 } ? FromNanoseconds(s.Memory.Timestamp) : now;
            pod.Containers.Add(new ContainerStats
            {
                Name = labels.GetValueOrDefault(CriConfigBuilder.ContainerNameLabel, container.Metadata?.Name ?? ""),
                StartTime = FromNanoseconds(container.CreatedAt),
                Cpu = new CpuStats { Time = cpuTime, UsageCoreNanoSeconds = cpuTotal, UsageNanoCores = _rates.Observe(id, cpuTime, cpuTotal) },
                Memory = new MemoryStats { Time = memoryTime, WorkingSetBytes = s.Memory?.WorkingSetBytes?.Value ?? 0, UsageBytes = s.Memory?.UsageBytes?.Value },
            });
        }

        foreach (var pod in pods.Values)
        {
            pod.StartTime = pod.Containers.Min(c => c.StartTime);
            pod.Cpu = new CpuStats
            {
                Time = now,
                UsageCoreNanoSeconds = Sum(pod.Containers.Select(c => c.Cpu?.UsageCoreNanoSeconds)),
                UsageNanoCores = pod.Containers.Any(c => c.Cpu?.UsageNanoCores is null) ? null : Sum(pod.Containers.Select(c => c.Cpu?.UsageNanoCores)),
            };
            pod.Memory = new MemoryStats { Time = now, WorkingSetBytes = Sum(pod.Containers.Select(c => c.Memory?.WorkingSetBytes)) };
        }

        var nodeCpu = ReadCpuNanoseconds(Path.Combine(procDirectory, "stat"));
        var memory = ReadMemInfo(Path.Combine(procDirectory, "meminfo"));
        memory.Time = now;
        _rates.Retain(live);
        return new StatsSummary
        {
            Node = new NodeStats
            {
                NodeName = nodeName,
                StartTime = BootTime,
                Cpu = new CpuStats { Time = now, UsageCoreNanoSeconds = nodeCpu, UsageNanoCores = _rates.Observe(NodeKey, now, nodeCpu) },
                Memory = memory,
            },
            Pods = [.. pods.Values.OrderBy(p => p.PodRef?.Namespace, StringComparer.Ordinal).ThenBy(p => p.PodRef?.Name, StringComparer.Ordinal)],
        };
    }

    private static ulong Sum(IEnumerable<ulong?> values) => values.Aggregate(0UL, (total, v) => total + (v ?? 0));

    private static DateTimeOffset FromNanoseconds(long nanoseconds) => DateTimeOffset.UnixEpoch.AddTicks(nanoseconds / 100);

    /// <summary>
    /// CPU time the machine spent busy (user, nice, system, irq, softirq, steal) from the "cpu" line of /proc/stat, in
    /// nanoseconds (the file counts USER_HZ = 100 ticks a second).
    /// </summary>
    internal static ulong ReadCpuNanoseconds(string statPath)
    {
        var line = File.ReadLines(statPath).FirstOrDefault(l => l.StartsWith("cpu ", StringComparison.Ordinal));
        if (line is null)
        {
            return 0;
        }

        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => ulong.TryParse(f, CultureInfo.InvariantCulture, out var v) ? v : 0).ToArray();
        ulong Field(int i) => i < fields.Length ? fields[i] : 0;
        var busyTicks = Field(0) + Field(1) + Field(2) + Field(5) + Field(6) + Field(7);
        return busyTicks * 10_000_000UL;
    }

    /// <summary>The machine's memory from /proc/meminfo: the working set is what is neither free nor reclaimable (MemTotal − MemAvailable).</summary>
    internal static MemoryStats ReadMemInfo(string meminfoPath)
    {
        var values = new Dictionary<string, ulong>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(meminfoPath))
        {
            var parts = line.Split(':', 2);
            if (parts.Length == 2 && ulong.TryParse(parts[1].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture, out var kib))
            {
                values[parts[0]] = kib * 1024;
            }
        }

        var total = values.GetValueOrDefault("MemTotal");
        var available = values.GetValueOrDefault("MemAvailable");
        var free = values.GetValueOrDefault("MemFree");
        return new MemoryStats { AvailableBytes = available, UsageBytes = total - free, WorkingSetBytes = total - available };
    }
}
