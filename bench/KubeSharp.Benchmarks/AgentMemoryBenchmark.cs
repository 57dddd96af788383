using System.Diagnostics;
using System.Globalization;
using System.Text;
using KubeSharp.Api.Core.V1;
using KubeSharp.Client;
using KubeSharp.Client.Configuration;

namespace KubeSharp.Benchmarks;

/// <summary>
/// Idle memory of a joined node agent as deployed: a `kubesharp server --disable-agent --token` child process and a
/// `kubesharp agent` child process joining it (its own containerd, data directory, bridge and pod CIDR; no pods).
/// Once the node is Ready the agent is left alone until <c>--settle</c> seconds after its start, then its
/// /proc/PID/status, smaps_rollup and smaps are read. Each <c>--variant</c> (environment variables for the agent,
/// e.g. <c>"DOTNET_GCgen0size=0x400000 DOTNET_TieredPGO=0"</c>) is a fresh agent against the same server.
/// Needs root and containerd.
/// </summary>
internal static class AgentMemoryBenchmark
{
    private const string Token = "agent-memory-bench";

    public static async Task<int> RunAsync(string[] args)
    {
        if (Environment.UserName != "root")
        {
            Console.Error.WriteLine("agent-memory needs root (containerd, network namespaces, a bridge)");
            return 2;
        }

        var settle = TimeSpan.FromSeconds(int.Parse(Option(args, "--settle") ?? "60", CultureInfo.InvariantCulture));
        var variants = new List<string>();
        for (var index = 0; index < args.Length - 1; index++)
        {
            if (args[index] == "--variant")
            {
                variants.Add(args[index + 1]);
            }
        }

        if (variants.Count == 0)
        {
            variants.Add("");
        }

        var id = Guid.NewGuid().ToString("N")[..8];
        var directory = Path.Combine("/tmp", "ks-agentmem-" + id);
        var subnet = Random.Shared.Next(216, 240);
        Console.WriteLine($"# Agent memory benchmark ({Environment.ProcessorCount} cores, {directory}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load average {LoadAverage()})");
        Console.WriteLine();
        var rows = new List<string>();
        var details = new StringBuilder();
        try
        {
            await using var server = await KubesharpServerProcess.StartAsync(Path.Combine(directory, "server"), "--token", Token, "--cluster-cidr", $"10.{subnet}.0.0/16");
            using var client = new KubernetesClient(KubernetesClientConfiguration.FromKubeConfig(server.Kubeconfig));
            for (var index = 0; index < variants.Count; index++)
            {
                var variant = variants[index];
                var nodeName = $"agentmem-{id}-{index}";
                var memory = await MeasureAsync(server, client, nodeName, Path.Combine(directory, "node-" + index), $"10.{subnet}.{index + 1}.0/24", variant, settle);
                var label = variant.Length == 0 ? "defaults" : $"`{variant}`";
                var gcHeap = memory.Parts.FirstOrDefault(p => p.Name.StartsWith("GC heap", StringComparison.Ordinal))?.Rss ?? 0;
                rows.Add(string.Create(CultureInfo.InvariantCulture, $"| {label} | {Mb(memory.Rss)} | {Mb(memory.Pss)} | {Mb(memory.Private)} | {Mb(gcHeap)} | {Mb(memory.PeakRss)} | {memory.Threads} |"));
                details.AppendLine(CultureInfo.InvariantCulture, $"## {label}: {memory.Summary()}").AppendLine().AppendLine(memory.Breakdown());
            }
        }
        finally
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"Could not delete {directory}: {e.Message}");
            }
        }

        Console.WriteLine($"`kubesharp agent`, joined, no pods, {settle.TotalSeconds:F0} s after start (MB = MiB):");
        Console.WriteLine();
        Console.WriteLine("| Agent environment | RSS | PSS | private | GC heap resident | peak RSS | threads |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        rows.ForEach(Console.WriteLine);
        Console.WriteLine();
        Console.WriteLine(details);
        GC.Collect();
        var self = ProcessMemory.Read(Environment.ProcessId);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Check of the GC heap reading on this benchmark process: {Mb(self.Parts.FirstOrDefault(p => p.Name.StartsWith("GC heap", StringComparison.Ordinal))?.Rss ?? 0)} MB resident in the GC's range; the runtime reports {GC.GetGCMemoryInfo().TotalCommittedBytes / 1048576.0:F1} MB committed, heap size {GC.GetGCMemoryInfo().HeapSizeBytes / 1048576.0:F1} MB."));
        Console.WriteLine($"Load average at the end: {LoadAverage()}");
        return 0;
    }

    private static async Task<ProcessMemory> MeasureAsync(KubesharpServerProcess server, KubernetesClient client, string nodeName, string dataDirectory, string podCidr, string variant, TimeSpan settle)
    {
        Directory.CreateDirectory(dataDirectory);
        var apphost = Path.Combine(AppContext.BaseDirectory, "kubesharp");
        var startInfo = new ProcessStartInfo(File.Exists(apphost) ? apphost : "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (!File.Exists(apphost))
        {
            startInfo.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "kubesharp.dll"));
        }

        foreach (var argument in new[]
        {
            "agent", "--server", $"https://127.0.0.1:{server.Port}", "--token", Token, "--server-ca", server.CaCertificate,
            "--node-name", nodeName, "--data-dir", dataDirectory, "--kubelet-port", "0", "--pod-cidr", podCidr, "--remove-pods-on-stop",
        })
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var pair in variant.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => v.Split('=', 2)))
        {
            startInfo.Environment[pair[0]] = pair.Length > 1 ? pair[1] : "";
        }

        var log = new StringBuilder();
        using var agent = Process.Start(startInfo) ?? throw new InvalidOperationException("could not start kubesharp agent");
        var started = Stopwatch.StartNew();
        agent.OutputDataReceived += (_, e) => Append(log, e.Data);
        agent.ErrorDataReceived += (_, e) => Append(log, e.Data);
        agent.BeginOutputReadLine();
        agent.BeginErrorReadLine();
        try
        {
            while (!await IsReadyAsync(client, nodeName))
            {
                if (agent.HasExited || started.Elapsed > TimeSpan.FromMinutes(2))
                {
                    throw new InvalidOperationException($"node {nodeName} did not become Ready:\n{Text(log)}");
                }

                await Task.Delay(500);
            }

            Console.Error.WriteLine($"{nodeName} Ready after {started.Elapsed.TotalSeconds:F1} s; reading its memory at {settle.TotalSeconds:F0} s");
            if (settle > started.Elapsed)
            {
                await Task.Delay(settle - started.Elapsed);
            }

            return ProcessMemory.Read(agent.Id);
        }
        finally
        {
            // SIGTERM: the agent removes its network and nftables table on the way out (--remove-pods-on-stop).
            using (var kill = Process.Start("kill", ["-TERM", agent.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            if (!agent.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                agent.Kill(entireProcessTree: true);
            }

            StopLeftovers(dataDirectory);

            await client.DeleteAsync<Api.Core.V1.Node>(nodeName);
        }
    }

    // A containerd the agent started but did not stop (the agent was killed on a slow way out) still runs with its
    // config in the data directory; it is this benchmark's, so it is killed.
    private static void StopLeftovers(string dataDirectory)
    {
        foreach (var process in Process.GetProcessesByName("containerd"))
        {
            using (process)
            {
                try
                {
                    if (File.ReadAllText($"/proc/{process.Id}/cmdline").Contains(dataDirectory + "/", StringComparison.Ordinal))
                    {
                        process.Kill();
                    }
                }
                catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException)
                {
                }
            }
        }
    }

    private static async Task<bool> IsReadyAsync(KubernetesClient client, string nodeName)
    {
        try
        {
            var node = await client.GetAsync<Api.Core.V1.Node>(nodeName);
            return node.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;
        }
        catch (KubernetesApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    private static void Append(StringBuilder log, string? line)
    {
        lock (log)
        {
            log.AppendLine(line);
        }
    }

    private static string Text(StringBuilder log)
    {
        lock (log)
        {
            return log.ToString();
        }
    }

    private static string Mb(long kib) => (kib / 1024.0).ToString("F1", CultureInfo.InvariantCulture);

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
}
