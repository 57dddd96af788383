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

    [Fact]
    public async Task Rotated_and_compressed_files_are_read_before_the_live_one()
    {
        var directory = Directory.CreateTempSubdirectory("ks-logs-");
        try
        {
            var live = Path.Combine(directory.FullName, "0.log");
            await WriteGzipAsync(live + ".20260101-000001.gz", "2026-01-01T00:00:01Z stdout F one\n");
            await File.WriteAllTextAsync(live + ".20260101-000002", "2026-01-01T00:00:02Z stdout P tw\n2026-01-01T00:00:02Z stdout F o\n");
            await File.WriteAllTextAsync(live + ".20260101-000002.tmp", "2026-01-01T00:00:02Z stdout F leftover\n");
            await File.WriteAllTextAsync(live, "2026-01-01T00:00:03Z stdout F three\n");

            Assert.Equal("one\ntwo\nthree\n", await ReadFileAsync(live, new ContainerLogOptions()));
            Assert.Equal("two\nthree\n", await ReadFileAsync(live, new ContainerLogOptions { TailLines = 2 }));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Follow_goes_on_in_the_new_file_after_a_rotation()
    {
        var directory = Directory.CreateTempSubdirectory("ks-logs-");
        try
        {
            var live = Path.Combine(directory.FullName, "0.log");
            await File.WriteAllTextAsync(live, "2026-01-01T00:00:01Z stdout F before\n");
            using var output = new MemoryStream();
            var running = true;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var follow = ContainerLogs.WriteAsync(live, new ContainerLogOptions { Follow = true }, output, _ => Task.FromResult(Volatile.Read(ref running)), timeout.Token);

            await WaitForAsync(() => Text(output).Contains("before", StringComparison.Ordinal), timeout.Token);
            await File.AppendAllTextAsync(live, "2026-01-01T00:00:02Z stdout F last-in-old\n");
            File.Move(live, live + ".20260101-000002");
            await File.WriteAllTextAsync(live, "2026-01-01T00:00:03Z stdout F after\n");
            await WaitForAsync(() => Text(output).Contains("after", StringComparison.Ordinal), timeout.Token);
            Volatile.Write(ref running, false);
            await follow;

            Assert.Equal("before\nlast-in-old\nafter\n", Text(output));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static string Text(MemoryStream output)
    {
        lock (output)
        {
            return Encoding.UTF8.GetString(output.ToArray());
        }
    }

    private static async Task WaitForAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        while (!condition())
        {
            await Task.Delay(50, cancellationToken);
        }
    }

    private static async Task WriteGzipAsync(string path, string text)
    {
        await using var file = File.Create(path);
        await using var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Fastest);
        await gzip.WriteAsync(Encoding.UTF8.GetBytes(text));
    }

    private static async Task<string> ReadFileAsync(string path, ContainerLogOptions options)
    {
        using var output = new MemoryStream();
        await ContainerLogs.WriteAsync(path, options, output, _ => Task.FromResult(false), CancellationToken.None);
        return Encoding.UTF8.GetString(output.ToArray());
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
