using KubeSharp.Node.Kubelet;
using KubeSharp.Node.Stats;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace KubeSharp.Node.Tests;

/// <summary>The pure parts of the kubelet port: CPU rates from cumulative samples, the containerLogs query, ports, /proc parsing.</summary>
public sealed class KubeletEndpointTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static QueryCollection Query(params (string Key, string Value)[] pairs) =>
        new(pairs.GroupBy(p => p.Key).ToDictionary(g => g.Key, g => new StringValues([.. g.Select(p => p.Value)])));

    [Fact]
    public void Cpu_rate_is_cpu_time_used_divided_by_the_interval_in_nanocores()
    {
        // Half a core: 1 s of CPU time over 2 s.
        Assert.Equal(500_000_000UL, CpuUsageRates.NanoCores(T0, 4_000_000_000, T0.AddSeconds(2), 5_000_000_000));
    }

    [Fact]
    public void Cpu_rate_is_unknown_when_time_stands_still_or_the_counter_restarts()
    {
        Assert.Null(CpuUsageRates.NanoCores(T0, 1, T0, 2));
        Assert.Null(CpuUsageRates.NanoCores(T0, 5_000, T0.AddSeconds(1), 10));
    }

    [Fact]
    public void Rates_need_two_samples_and_samples_closer_than_the_minimum_interval_repeat_the_last_rate()
    {
        var rates = new CpuUsageRates();

        Assert.Null(rates.Observe("c", T0, 0));
        Assert.Equal(1_000_000_000UL, rates.Observe("c", T0.AddSeconds(2), 2_000_000_000));
        Assert.Equal(1_000_000_000UL, rates.Observe("c", T0.AddSeconds(2.1), 2_000_000_001));
        // Measured from the sample at 2 s, not the one at 2.1 s: 0.5 s of CPU over 2 s.
        Assert.Equal(250_000_000UL, rates.Observe("c", T0.AddSeconds(4), 2_500_000_000));
    }

    [Fact]
    public void Forgotten_keys_start_over()
    {
        var rates = new CpuUsageRates();
        rates.Observe("gone", T0, 0);
        rates.Observe("kept", T0, 0);

        rates.Retain(new HashSet<string> { "kept" });

        Assert.Null(rates.Observe("gone", T0.AddSeconds(5), 5));
        Assert.NotNull(rates.Observe("kept", T0.AddSeconds(5), 5));
    }

    [Fact]
    public void Log_query_reads_every_parameter_kubectl_sends()
    {
        var options = ContainerLogQuery.Parse(
            Query(("follow", "true"), ("previous", "true"), ("timestamps", "true"), ("tailLines", "5"), ("limitBytes", "100"), ("sinceTime", "2026-01-01T00:00:00Z")),
            T0);

        Assert.True(options.Follow && options.Previous && options.Timestamps);
        Assert.Equal((5L, 100L), (options.TailLines, options.LimitBytes));
        Assert.Equal(T0, options.SinceTime);
    }

    [Fact]
    public void Since_seconds_count_back_from_now_and_absent_parameters_stay_unset()
    {
        Assert.Equal(T0.AddSeconds(-30), ContainerLogQuery.Parse(Query(("sinceSeconds", "30")), T0).SinceTime);
        Assert.Equal(new Pods.ContainerLogOptions(), ContainerLogQuery.Parse(Query(), T0));
    }

    [Theory]
    [InlineData("tailLines", "-1")]
    [InlineData("limitBytes", "0")]
    [InlineData("sinceSeconds", "abc")]
    [InlineData("sinceTime", "yesterday")]
    public void Malformed_log_parameters_are_rejected(string name, string value)
    {
        Assert.Throws<ArgumentException>(() => ContainerLogQuery.Parse(Query((name, value)), T0));
    }

    [Fact]
    public void Since_time_and_since_seconds_together_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => ContainerLogQuery.Parse(Query(("sinceSeconds", "1"), ("sinceTime", "2026-01-01T00:00:00Z")), T0));
    }

    [Fact]
    public void Port_forward_ports_come_from_port_or_ports_comma_separated()
    {
        Assert.Equal([80, 8080, 443], KubeletServer.ParsePorts(Query(("port", "80"), ("ports", "8080,443"))));
        Assert.Throws<ArgumentException>(() => KubeletServer.ParsePorts(Query(("ports", "70000"))));
    }

    [Fact]
    public void Machine_cpu_time_counts_busy_ticks_of_proc_stat_in_nanoseconds()
    {
        var path = Path.GetTempFileName();
        try
        {
            // user nice system idle iowait irq softirq steal: busy = 100+2+50+3+4+1 ticks of 10 ms.
            File.WriteAllText(path, "cpu  100 2 50 9999 77 3 4 1 0 0\ncpu0 1 1 1 1 1 1 1 1 0 0\n");
            Assert.Equal(160UL * 10_000_000, StatsCollector.ReadCpuNanoseconds(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Machine_working_set_is_total_memory_minus_available()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "MemTotal:       1000 kB\nMemFree:         100 kB\nMemAvailable:    400 kB\n");
            var memory = StatsCollector.ReadMemInfo(path);
            Assert.Equal((600UL * 1024, 400UL * 1024, 900UL * 1024), (memory.WorkingSetBytes!.Value, memory.AvailableBytes!.Value, memory.UsageBytes!.Value));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
