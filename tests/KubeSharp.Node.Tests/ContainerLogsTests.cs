using System.Text;
using KubeSharp.Node.Pods;

namespace KubeSharp.Node.Tests;

/// <summary>CRI log files read back as `kubectl logs` prints them.</summary>
public sealed class ContainerLogsTests
{
    private const string Log =
        "2026-01-01T00:00:01.000000001Z stdout F first\n" +
        "2026-01-01T00:00:02.000000002Z stderr P sec\n" +
        "2026-01-01T00:00:02.500000000Z stderr F ond\n" +
        "2026-01-01T00:00:03.000000003Z stdout F third\n";

    [Fact]
    public async Task Partial_entries_are_joined_into_one_line_and_timestamps_are_dropped_by_default()
    {
        Assert.Equal("first\nsecond\nthird\n", await ReadAsync(new ContainerLogOptions()));
    }

    [Fact]
    public async Task Tail_counts_logical_lines_and_timestamps_come_from_the_log()
    {
        Assert.Equal("second\nthird\n", await ReadAsync(new ContainerLogOptions { TailLines = 2 }));
        Assert.Equal("2026-01-01T00:00:03.000000003Z third\n", await ReadAsync(new ContainerLogOptions { TailLines = 1, Timestamps = true }));
    }

    [Fact]
    public async Task Since_time_and_limit_bytes_cut_the_output()
    {
        Assert.Equal("third\n", await ReadAsync(new ContainerLogOptions { SinceTime = DateTimeOffset.Parse("2026-01-01T00:00:03Z", System.Globalization.CultureInfo.InvariantCulture) }));
        Assert.Equal("firs", await ReadAsync(new ContainerLogOptions { LimitBytes = 4 }));
    }

    private static async Task<string> ReadAsync(ContainerLogOptions options)
    {
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(path, Log);
            using var output = new MemoryStream();
            await ContainerLogs.WriteAsync(path, options, output, _ => Task.FromResult(false), CancellationToken.None);
            return Encoding.UTF8.GetString(output.ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
