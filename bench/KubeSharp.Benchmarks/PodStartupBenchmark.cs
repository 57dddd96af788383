using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime;
using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.ApiServer;
using KubeSharp.ApiServer.Registry.Strategies;
using KubeSharp.Client;
using KubeSharp.Client.Configuration;
using KubeSharp.Grpc;
using KubeSharp.Node.Agent;
using KubeSharp.Node.Cri;
using KubeSharp.Node.Pods;
using Microsoft.Extensions.Logging;
using Cri = KubeSharp.Node.Cri.V1;

namespace KubeSharp.Benchmarks;

/// <summary>
/// Pod start-up latency: an in-process API server and a node agent in a child process (this program in
/// <c>pod-startup-agent</c> mode, on its own containerd, bridge and pod CIDR). Measures API create → phase Running
/// as seen by a watch, and beside it, against the same containerd, the raw CRI floor RunPodSandbox →
/// CreateContainer → StartContainer. Also reports the agent process's idle memory. Needs root and containerd.
/// </summary>
internal static class PodStartupBenchmark
{
    private const int Pods = 50;
    private const int Concurrency = 10;
    private const int WarmUpPods = 5;
    private const string Namespace = "startup";
    private const string BusyboxImage = "docker.io/library/busybox:latest";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    public static async Task<int> RunAsync(string[] args)
    {
        if (Environment.UserName != "root")
        {
            Console.Error.WriteLine("pod-startup needs root (containerd, network namespaces, a bridge)");
            return 2;
        }

        var agentLog = Option(args, "--agent-log");
        var agentEnvironment = args.Where(a => a.StartsWith("--agent-env=", StringComparison.Ordinal)).Select(a => a["--agent-env=".Length..].Split('=', 2)).ToList();
        var id = Guid.NewGuid().ToString("N")[..8];
        var directory = Path.Combine("/tmp", "ks-startup-" + id);
        Directory.CreateDirectory(directory);
        var nodeName = "startup-" + id;
        var podCidr = $"10.215.{Random.Shared.Next(1, 254)}.0/24";
        var cgroupRoot = "/kubesharp-bench-" + id;
        Console.WriteLine($"# Pod start-up benchmark ({Environment.ProcessorCount} cores, {directory}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load average {LoadAverage()})");
        Console.WriteLine();

        var images = Option(args, "--images") ?? Path.Combine(directory, "images");
        if (!File.Exists(Path.Combine(images, "busybox.tar")))
        {
            var build = Process.Start("bash", [Path.Combine(RepositoryRoot(), "images", "build.sh"), images, "pause", "busybox"]);
            await build.WaitForExitAsync();
            if (build.ExitCode != 0)
            {
                Console.Error.WriteLine("images/build.sh failed");
                return 1;
            }
        }

        var rows = new List<string>();
        var notes = new List<string>();
        using var loggerFactory = LoggerFactory.Create(logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
        var serverOptions = new ApiServerOptions { DataDir = Path.Combine(directory, "server"), HttpsPort = FreePort(), BindAddress = IPAddress.Loopback };
        var server = new ApiServerHost(serverOptions, loggerFactory);
        AgentProcess? agent = null;
        try
        {
            await server.StartAsync(BuiltInStrategies.Create(), _ => { }, CancellationToken.None);
            var agentData = Path.Combine(directory, "node");
            var agentOptions = new NodeAgentOptions(nodeName, agentData);
            Directory.CreateDirectory(agentOptions.ImagesDirectory);
            File.Copy(Path.Combine(images, "pause.tar"), Path.Combine(agentOptions.ImagesDirectory, "pause.tar"));
            File.Copy(Path.Combine(images, "busybox.tar"), Path.Combine(agentOptions.ImagesDirectory, "busybox.tar"));
            agent = AgentProcess.Start(
                [serverOptions.KubeconfigPath, agentData, nodeName, podCidr, "ksbench-" + id, "ksbn" + id[..6], cgroupRoot, agentLog is null ? "Warning" : "Debug"],
                agentEnvironment,
                agentLog);
            await agent.WaitReadyAsync(TimeSpan.FromMinutes(2));
            notes.Add($"Agent child process: pid {agent.Id}, environment {(agentEnvironment.Count == 0 ? "as the kubesharp binary (workstation concurrent GC)" : string.Join(' ', agentEnvironment.Select(e => string.Join('=', e))))}");

            using var client = new KubernetesClient(KubernetesClientConfiguration.FromKubeConfig(serverOptions.KubeconfigPath));
            await client.CreateAsync(new Namespace { Metadata = new ObjectMeta { Name = Namespace } });
            await using var watch = await RunningWatch.StartAsync(client);
            using var grpc = GrpcClient.ForUnixSocket(Path.Combine(agentOptions.ContainerdDirectory, "containerd.sock"));
            var runtime = new CriRuntimeClient(grpc);
            var images2 = new CriImageClient(grpc);
            var imageId = (await images2.ImageStatusAsync(BusyboxImage))?.Id ?? throw new InvalidOperationException("busybox is not in containerd");
            var raw = new RawCri(runtime, imageId, Path.Combine(directory, "raw"), cgroupRoot, nodeName);

            // Warm-up (not measured): JIT and tiering in both processes, containerd's first sandbox.
            for (var index = 0; index < WarmUpPods; index++)
            {
                _ = await AgentStartsAsync(client, watch, nodeName, "warm", index, 1);
                _ = await raw.StartsAsync("warm", index, 1);
            }

            await DeleteAllAsync(client, runtime, raw);
            var idle = await agent.IdleFiguresAsync(TimeSpan.FromSeconds(10));
            notes.Add($"Agent process idle with 0 pods after the warm-up ({WarmUpPods} pods started and removed), 10 s settled: {idle}");

            // Agent and raw CRI take turns (one pod each, then one batch each) so both see the same load on a shared machine.
            var load = LoadAverage();
            var (agentOne, rawOne) = (new List<double>(), new List<double>());
            for (var index = 0; index < Pods; index++)
            {
                agentOne.AddRange(await AgentStartsAsync(client, watch, nodeName, "seq", index, 1));
                rawOne.AddRange(await raw.StartsAsync("seq", index, 1));
            }

            await DeleteAllAsync(client, runtime, raw);
            var (agentTen, rawTen) = (new List<double>(), new List<double>());
            for (var first = 0; first < Pods; first += Concurrency)
            {
                agentTen.AddRange(await AgentStartsAsync(client, watch, nodeName, "par", first, Concurrency));
                rawTen.AddRange(await raw.StartsAsync("par", first, Concurrency));
            }

            var busy = await agent.FiguresAsync();
            await DeleteAllAsync(client, runtime, raw);
            var after = await agent.IdleFiguresAsync(TimeSpan.FromSeconds(10));

            rows.Add(Row("Agent: API create → Running seen by watch, 1 at a time", [.. agentOne], [.. rawOne]));
            rows.Add(Row("Raw CRI: RunPodSandbox → CreateContainer → StartContainer, 1 at a time", [.. rawOne], [.. rawOne]));
            rows.Add(Row($"Agent: API create → Running seen by watch, batches of {Concurrency} at once", [.. agentTen], [.. rawTen]));
            rows.Add(Row($"Raw CRI: RunPodSandbox → CreateContainer → StartContainer, batches of {Concurrency} at once", [.. rawTen], [.. rawTen]));
            notes.Add($"Agent process with {Pods} pods running: {busy}");
            notes.Add($"Agent process idle again after the measured pods were removed, 10 s settled: {after}");
            notes.Add($"Load average before the measured cases: {load}; at the end: {LoadAverage()}");
        }
        finally
        {
            if (agent is not null)
            {
                await agent.DisposeAsync();
            }

            await server.DisposeAsync();
            RemoveCgroupRoot(cgroupRoot);
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"Could not delete {directory}: {e.Message}");
            }
        }

        Console.WriteLine("| Case | Pods | p50 ms | p99 ms | max ms | p50 / raw p50 | p99 / raw p50 |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        rows.ForEach(Console.WriteLine);
        Console.WriteLine();
        notes.ForEach(note => Console.WriteLine($"- {note}"));
        return 0;
    }

    private static string Row(string name, double[] latencies, double[] raw)
    {
        Array.Sort(latencies);
        var rawMedian = StoreBenchmark.Percentile([.. raw.Order()], 0.5);
        var p50 = StoreBenchmark.Percentile(latencies, 0.5);
        var p99 = StoreBenchmark.Percentile(latencies, 0.99);
        return string.Create(CultureInfo.InvariantCulture, $"| {name} | {latencies.Length} | {p50:F0} | {p99:F0} | {latencies[^1]:F0} | {p50 / rawMedian:F2}× | {p99 / rawMedian:F2}× |");
    }

    /// <summary>Creates <paramref name="count"/> busybox pods bound to the node at once (numbered from <paramref name="first"/>); each latency runs from the create request to the watch event showing phase Running.</summary>
    private static async Task<double[]> AgentStartsAsync(KubernetesClient client, RunningWatch watch, string nodeName, string prefix, int first, int count)
    {
        var latencies = new ConcurrentBag<double>();
        await Task.WhenAll(Enumerable.Range(first, count).Select(async index =>
        {
            var name = $"{prefix}-{index}";
            var running = watch.Expect(name);
            var started = Stopwatch.GetTimestamp();
            await client.CreateAsync(new Pod
            {
                Metadata = new ObjectMeta { Name = name, Namespace = Namespace },
                Spec = new PodSpec
                {
                    NodeName = nodeName,
                    TerminationGracePeriodSeconds = 0,
                    Containers = [new Container { Name = "main", Image = "busybox", ImagePullPolicy = "IfNotPresent", Command = ["sleep", "3600"] }],
                },
            });
            var seen = await running.WaitAsync(Patience);
            latencies.Add(Stopwatch.GetElapsedTime(started, seen).TotalMilliseconds);
        }));
        return [.. latencies];
    }

    private static async Task DeleteAllAsync(KubernetesClient client, CriRuntimeClient runtime, RawCri raw)
    {
        await client.DeleteCollectionAsync<Pod>(Namespace, options: new DeleteOptions { GracePeriodSeconds = 0 });
        await raw.RemoveAllAsync();
        var waited = Stopwatch.StartNew();
        while ((await client.ListAsync<Pod>(Namespace)).Items.Count > 0 || (await runtime.ListPodSandboxAsync()).Count > 0)
        {
            if (waited.Elapsed > Patience)
            {
                throw new TimeoutException("pods were not removed");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>One watch on the benchmark namespace; records when each pod is first seen in phase Running.</summary>
    private sealed class RunningWatch : IAsyncDisposable
    {
        private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> _expected = new(StringComparer.Ordinal);
        private readonly CancellationTokenSource _stop = new();
        private Task _loop = Task.CompletedTask;

        public static async Task<RunningWatch> StartAsync(KubernetesClient client)
        {
            var watch = new RunningWatch();
            var opened = new TaskCompletionSource();
            watch._loop = Task.Run(() => watch.RunAsync(client, opened));
            await opened.Task.WaitAsync(TimeSpan.FromSeconds(30));
            return watch;
        }

        /// <summary>Completes with the <see cref="Stopwatch"/> timestamp at which the pod was seen Running.</summary>
        public Task<long> Expect(string name) =>
            _expected.GetOrAdd(name, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

        private async Task RunAsync(KubernetesClient client, TaskCompletionSource opened)
        {
            var list = await client.ListAsync<Pod>(Namespace, cancellationToken: _stop.Token);
            opened.TrySetResult();
            var options = new ListOptions { ResourceVersion = list.Metadata?.ResourceVersion, TimeoutSeconds = 3600, AllowWatchBookmarks = false };
            await foreach (var change in client.WatchAsync<Pod>(Namespace, options, _stop.Token))
            {
                var at = Stopwatch.GetTimestamp();
                if (change.Object is { Status.Phase: "Running", Metadata.Name: { } name })
                {
                    _expected.GetOrAdd(name, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(at);
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            try
            {
                await _loop;
            }
            catch (Exception e) when (e is OperationCanceledException or HttpRequestException or IOException)
            {
            }

            _stop.Dispose();
        }
    }

    /// <summary>The CRI floor: what any kubelet has to call to start a one-container pod, with the agent's sandbox shape (CNI network, DNS, cgroup parent).</summary>
    private sealed class RawCri(CriRuntimeClient runtime, string imageId, string logRoot, string cgroupRoot, string nodeName)
    {
        private readonly ConcurrentBag<string> _sandboxes = [];

        /// <summary>Starts <paramref name="count"/> one-container sandboxes at once (numbered from <paramref name="first"/>).</summary>
        public async Task<double[]> StartsAsync(string prefix, int first, int count)
        {
            var latencies = new ConcurrentBag<double>();
            await Task.WhenAll(Enumerable.Range(first, count).Select(async index =>
            {
                // No io.kubernetes.pod.uid label: the agent's relist leaves sandboxes without one alone.
                var uid = Guid.NewGuid().ToString();
                var pod = new Pod
                {
                    Metadata = new ObjectMeta { Name = $"raw-{prefix}-{index}", Namespace = Namespace, Uid = uid },
                    Spec = new PodSpec { NodeName = nodeName },
                };
                var logDirectory = Path.Combine(logRoot, uid);
                Directory.CreateDirectory(logDirectory);
                var sandboxConfig = CriConfigBuilder.Sandbox(pod, 0, logDirectory, $"{cgroupRoot}/besteffort/pod{uid}", DnsSettings.For(pod, null, "cluster.local"));
                sandboxConfig.Labels.Remove(CriConfigBuilder.PodUidLabel);
                var container = new Cri.ContainerConfig
                {
                    Metadata = new Cri.ContainerMetadata { Name = "main" },
                    Image = new Cri.ImageSpec { Image = imageId },
                    Command = { "sleep", "3600" },
                    LogPath = "main.log",
                };

                var started = Stopwatch.GetTimestamp();
                var sandboxId = await runtime.RunPodSandboxAsync(sandboxConfig);
                _sandboxes.Add(sandboxId);
                var containerId = await runtime.CreateContainerAsync(sandboxId, container, sandboxConfig);
                await runtime.StartContainerAsync(containerId);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }));
            return [.. latencies];
        }

        public async Task RemoveAllAsync()
        {
            while (_sandboxes.TryTake(out var id))
            {
                foreach (var container in await runtime.ListContainersAsync(new Cri.ContainerFilter { PodSandboxId = id }))
                {
                    await runtime.StopContainerAsync(container.Id, TimeSpan.Zero);
                }

                await runtime.StopPodSandboxAsync(id);
                await runtime.RemovePodSandboxAsync(id);
            }
        }
    }

    /// <summary>The node agent in a child process (this program, <c>pod-startup-agent</c>); it answers "stats" on stdin with its memory figures.</summary>
    private sealed class AgentProcess : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly StreamWriter? _log;
        private readonly System.Threading.Channels.Channel<string> _lines = System.Threading.Channels.Channel.CreateUnbounded<string>();

        private AgentProcess(Process process, StreamWriter? log)
        {
            _process = process;
            _log = log;
        }

        public int Id => _process.Id;

        public static AgentProcess Start(string[] arguments, List<string[]> environment, string? logPath)
        {
            var self = Environment.ProcessPath!;
            var startInfo = new ProcessStartInfo(self) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            if (Path.GetFileNameWithoutExtension(self) == "dotnet")
            {
                startInfo.ArgumentList.Add(typeof(PodStartupBenchmark).Assembly.Location);
            }

            startInfo.ArgumentList.Add("pod-startup-agent");
            foreach (var argument in arguments)
            {
                startInfo.ArgumentList.Add(argument);
            }

            foreach (var pair in environment)
            {
                startInfo.Environment[pair[0]] = pair.Length > 1 ? pair[1] : "";
            }

            var process = Process.Start(startInfo) ?? throw new InvalidOperationException("could not start the agent process");
            var agent = new AgentProcess(process, logPath is null ? null : new StreamWriter(logPath) { AutoFlush = true });
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    agent._lines.Writer.TryWrite(e.Data);
                }
            };
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is null)
                {
                    return;
                }

                if (agent._log is { } log)
                {
                    lock (log)
                    {
                        log.WriteLine(e.Data);
                    }
                }
                else
                {
                    Console.Error.WriteLine("agent: " + e.Data);
                }
            };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return agent;
        }

        public async Task WaitReadyAsync(TimeSpan timeout)
        {
            var line = await ReadLineAsync(timeout);
            if (line != "ready")
            {
                throw new InvalidOperationException("agent process: " + line);
            }
        }

        public async Task<string> IdleFiguresAsync(TimeSpan settle)
        {
            await Task.Delay(settle);
            return await FiguresAsync();
        }

        public async Task<string> FiguresAsync()
        {
            await _process.StandardInput.WriteLineAsync("stats");
            await _process.StandardInput.FlushAsync();
            return await ReadLineAsync(TimeSpan.FromSeconds(30));
        }

        private async Task<string> ReadLineAsync(TimeSpan timeout)
        {
            using var cancel = new CancellationTokenSource(timeout);
            return await _lines.Reader.ReadAsync(cancel.Token);
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.StandardInput.Close(); // the agent stops (removing its pods) when stdin ends
                using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
                try
                {
                    await _process.WaitForExitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill();
                }
            }

            _process.Dispose();
            if (_log is not null)
            {
                await _log.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// The child: a node agent as <c>kubesharp agent</c> runs it (the same GC settings), joined by kubeconfig.
    /// Prints "ready" once started, answers each "stats" line with its memory figures, stops when stdin ends.
    /// </summary>
    public static async Task<int> RunAgentAsync(string[] args)
    {
        var (kubeconfig, dataDirectory, nodeName, podCidr, network, bridge, cgroupRoot, level) = (args[0], args[1], args[2], args[3], args[4], args[5], args[6], Enum.Parse<LogLevel>(args[7]));
        using var loggerFactory = LoggerFactory.Create(logging => logging
            .AddSimpleConsole(console => { console.SingleLine = true; console.TimestampFormat = "HH:mm:ss.fff "; })
            .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace)
            .AddFilter((category, messageLevel) => messageLevel >= (category?.StartsWith("agent", StringComparison.Ordinal) == true ? level : LogLevel.Warning)));
        // Logs go to stderr: stdout carries the protocol.
        var protocol = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
        var options = new NodeAgentOptions(nodeName, dataDirectory)
        {
            PodCidr = podCidr,
            NetworkName = network,
            BridgeName = bridge,
            CgroupRoot = cgroupRoot,
            RemovePodsOnStop = true,
        };
        await using var agent = NodeAgent.FromKubeconfig(options, kubeconfig, loggerFactory);
        try
        {
            await agent.StartAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await protocol.WriteLineAsync("failed: " + e.Message);
            return 1;
        }

        await protocol.WriteLineAsync("ready");
        while (await Console.In.ReadLineAsync() is { } command)
        {
            if (command == "stats")
            {
                await protocol.WriteLineAsync(AgentFigures());
            }
        }

        return 0;
    }

    private static string AgentFigures()
    {
        var process = Process.GetCurrentProcess();
        var rss = process.WorkingSet64;
        var figures = string.Create(
            CultureInfo.InvariantCulture,
            $"RSS {rss / 1048576.0:F1} MB (private {PrivateMegabytes():F1} MB), managed heap {GC.GetTotalMemory(false) / 1048576.0:F1} MB, {process.Threads.Count} threads, {(GCSettings.IsServerGC ? "server" : "workstation")} GC");
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        process.Refresh();
        return figures + string.Create(CultureInfo.InvariantCulture, $"; after a full GC: RSS {process.WorkingSet64 / 1048576.0:F1} MB (private {PrivateMegabytes():F1} MB), managed heap {GC.GetTotalMemory(false) / 1048576.0:F1} MB, GC committed {GC.GetGCMemoryInfo().TotalCommittedBytes / 1048576.0:F1} MB");
    }

    // RssAnon + RssShmem: the part of RSS not backed by the runtime's mapped files.
    private static double PrivateMegabytes()
    {
        long kilobytes = 0;
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("RssAnon:", StringComparison.Ordinal) || line.StartsWith("RssShmem:", StringComparison.Ordinal))
            {
                kilobytes += long.Parse(line.Split(':')[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        return kilobytes / 1024.0;
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static string RepositoryRoot()
    {
        var directory = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(directory, "KubeSharp.slnx")))
        {
            directory = Path.GetDirectoryName(directory) ?? throw new InvalidOperationException("The repository root was not found.");
        }

        return directory;
    }

    private static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void RemoveCgroupRoot(string cgroupRoot)
    {
        if (!Directory.Exists("/sys/fs/cgroup"))
        {
            return;
        }

        foreach (var hierarchy in Directory.EnumerateDirectories("/sys/fs/cgroup"))
        {
            var root = hierarchy + cgroupRoot;
            if (!Directory.Exists(root))
            {
                continue;
            }

            // Deepest first: pod cgroups, then the QoS classes, then the root.
            foreach (var directory in Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories).OrderByDescending(d => d.Length).Append(root))
            {
                try
                {
                    Directory.Delete(directory);
                }
                catch (IOException)
                {
                }
            }
        }
    }
}
