using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using KubeSharp.Api;
using KubeSharp.Api.Apps.V1;
using KubeSharp.Api.Core.V1;
using KubeSharp.Client;
using KubeSharp.Client.Configuration;
using KubeSharp.Client.Informers;
using KubeSharp.Node.Hollow;
using Microsoft.Extensions.Logging;

namespace KubeSharp.Benchmarks;

/// <summary>
/// Scheduler throughput and control-plane footprint against hollow nodes. Each case starts a fresh
/// `kubesharp server --disable-agent` child process (API server, controllers and scheduler as deployed;
/// its RSS is read from /proc), joins a <see cref="HollowNodeFleet"/> running in this process, then
/// creates pods (64 concurrent callers) and times, from the first create, until every pod is bound
/// (seen through one pod watch) and until every pod is Running. A Deployment case times a large
/// Deployment from creation until its availableReplicas reach the replica count.
/// </summary>
internal static class SchedulerBenchmark
{
    private const string Namespace = "bench";
    private const int Creators = 64;

    /// <summary>The kubelet's default nodeStatusReportFrequency: an unchanged node status is posted this often (the Lease is the heartbeat).</summary>
    private static readonly TimeSpan KubeletNodeStatusReportFrequency = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan CaseDeadline = TimeSpan.FromMinutes(30);

    public static async Task<int> RunAsync(string[] args)
    {
        var quick = args.Contains("--quick");
        var dirIndex = Array.IndexOf(args, "--dir");
        var directory = dirIndex >= 0 && dirIndex + 1 < args.Length
            ? Directory.CreateDirectory(args[dirIndex + 1]).FullName
            : Directory.CreateTempSubdirectory("kubesharp-bench-sched-").FullName;
        var onlyIndex = Array.IndexOf(args, "--only");
        var only = onlyIndex >= 0 && onlyIndex + 1 < args.Length ? args[onlyIndex + 1] : null;
        var podsIndex = Array.IndexOf(args, "--pods");
        int? podsOverride = podsIndex >= 0 && podsIndex + 1 < args.Length ? int.Parse(args[podsIndex + 1], CultureInfo.InvariantCulture) : null;
        Console.WriteLine($"# Scheduler benchmark ({(quick ? "quick" : "full")}, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load average {LoadAverage()})");
        Console.WriteLine();
        Console.WriteLine("| Case | Hollow nodes | Pods | Create all (s) | First create → all bound (s) | Bound pods/s | → all Running (s) | Server CPU (s) | Benchmark CPU (s) | CPU ms/pod | Server RSS end (MiB) | Server peak RSS (MiB) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var placement = quick ? new[] { (Nodes: 10, Pods: 300), (Nodes: 50, Pods: 500) } : [(100, 10_000), (1000, 10_000), (5000, 10_000)];
        var extraPodsForMemory = quick ? 200 : 20_000;
        var deployment = quick ? (Nodes: 20, Replicas: 300) : (Nodes: 1000, Replicas: 10_000);
        try
        {
            for (var i = 0; i < placement.Length; i++)
            {
                var (nodes, pods) = placement[i];
                pods = podsOverride ?? pods;
                if (only is not null && only != nodes.ToString(CultureInfo.InvariantCulture))
                {
                    continue;
                }

                var isLast = i == placement.Length - 1;
                await PlacementCaseAsync(Path.Combine(directory, $"place-{nodes}"), nodes, pods, isLast ? extraPodsForMemory : 0).ConfigureAwait(false);
            }

            if (only is null or "deployment")
            {
                await DeploymentCaseAsync(Path.Combine(directory, "deployment"), deployment.Nodes, deployment.Replicas).ConfigureAwait(false);
            }
        }
        finally
        {
            Console.WriteLine();
            Console.WriteLine($"Load average at the end: {LoadAverage()}");
        }

        return 0;
    }

    private static async Task PlacementCaseAsync(string directory, int nodeCount, int podCount, int extraPods)
    {
        // A cluster CIDR with room for a /24 per hollow node (node IPAM gives each one).
        await using var server = await KubesharpServerProcess.StartAsync(directory, "--cluster-cidr", "100.64.0.0/10").ConfigureAwait(false);
        using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
        using var client = new KubernetesClient(KubernetesClientConfiguration.FromKubeConfig(server.Kubeconfig));
        await using var fleet = new HollowNodeFleet(client, new HollowNodeOptions { Count = nodeCount, NamePrefix = "hollow-", MaxConcurrentWrites = 32, NodeStatusReportInterval = KubeletNodeStatusReportFrequency }, loggerFactory);
        var registering = Stopwatch.StartNew();
        await fleet.StartAsync(CancellationToken.None).ConfigureAwait(false);
        Console.Error.WriteLine($"{nodeCount} hollow nodes registered in {registering.Elapsed.TotalSeconds:F1} s");
        await client.CreateAsync(new Namespace { Metadata = new ObjectMeta { Name = Namespace } }).ConfigureAwait(false);
        await Task.Delay(TimeSpan.FromSeconds(3)).ConfigureAwait(false); // the scheduler's node cache fills

        var result = await PlacePodsAsync(client, "p-", podCount, server).ConfigureAwait(false);
        Console.WriteLine(Row($"{podCount:N0} pods", nodeCount, podCount, result, server));
        if (extraPods > 0)
        {
            var more = await PlacePodsAsync(client, "q-", extraPods, server).ConfigureAwait(false);
            await Task.Delay(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            Console.WriteLine(Row($"{extraPods:N0} more pods (then {podCount + extraPods:N0} in all)", nodeCount, extraPods, more, server));
        }

        Console.WriteLine($"<!-- {nodeCount} nodes: {await ServerHeapAsync(client).ConfigureAwait(false)} -->");

        Console.Error.WriteLine($"heartbeat failures: {fleet.HeartbeatFailures}");
    }

    private static async Task DeploymentCaseAsync(string directory, int nodeCount, int replicas)
    {
        // A cluster CIDR with room for a /24 per hollow node (node IPAM gives each one).
        await using var server = await KubesharpServerProcess.StartAsync(directory, "--cluster-cidr", "100.64.0.0/10").ConfigureAwait(false);
        using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
        using var client = new KubernetesClient(KubernetesClientConfiguration.FromKubeConfig(server.Kubeconfig));
        await using var fleet = new HollowNodeFleet(client, new HollowNodeOptions { Count = nodeCount, NamePrefix = "hollow-", MaxConcurrentWrites = 32, NodeStatusReportInterval = KubeletNodeStatusReportFrequency }, loggerFactory);
        await fleet.StartAsync(CancellationToken.None).ConfigureAwait(false);
        await client.CreateAsync(new Namespace { Metadata = new ObjectMeta { Name = Namespace } }).ConfigureAwait(false);
        await Task.Delay(TimeSpan.FromSeconds(3)).ConfigureAwait(false);

        var labels = new Dictionary<string, string> { ["app"] = "big" };
        var serverCpuBefore = server.CpuTime();
        var benchmarkCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        await client.CreateAsync(new Deployment
        {
            Metadata = new ObjectMeta { Name = "big", Namespace = Namespace },
            Spec = new DeploymentSpec
            {
                Replicas = replicas,
                Selector = new LabelSelector { MatchLabels = labels },
                Template = new PodTemplateSpec
                {
                    Metadata = new ObjectMeta { Labels = labels },
                    Spec = new PodSpec { Containers = [new Container { Name = "c", Image = "busybox" }] },
                },
            },
        }).ConfigureAwait(false);
        var available = 0;
        while (watch.Elapsed < CaseDeadline)
        {
            await Task.Delay(1000).ConfigureAwait(false);
            var d = await client.GetAsync<Deployment>("big", Namespace).ConfigureAwait(false);
            available = d.Status?.AvailableReplicas ?? 0;
            if (available >= replicas)
            {
                break;
            }
        }

        var elapsed = watch.Elapsed;
        var serverCpu = server.CpuTime() - serverCpuBefore;
        var benchmarkCpu = Process.GetCurrentProcess().TotalProcessorTime - benchmarkCpuBefore;
        var heap = await ServerHeapAsync(client).ConfigureAwait(false);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Deployment of {replicas:N0} replicas on {nodeCount:N0} hollow nodes: {available:N0} available after {elapsed.TotalSeconds:F1} s ({available / elapsed.TotalSeconds:F0} pods/s); {heap}; CPU server {serverCpu.TotalSeconds:F0} s + benchmark {benchmarkCpu.TotalSeconds:F0} s; server RSS {server.RssMiB():F0} MiB, peak {server.PeakRssMiB():F0} MiB"));
    }

    /// <param name="ServerCpu">CPU time (user + system) the server process used from the first create until all pods ran.</param>
    /// <param name="BenchmarkCpu">The same for this process (hollow fleet, creators, the benchmark's watch).</param>
    private sealed record PlacementResult(TimeSpan Created, TimeSpan AllBound, TimeSpan AllRunning, int Bound, int Running, TimeSpan ServerCpu, TimeSpan BenchmarkCpu);

    /// <summary>Creates the pods and watches them (one pod watch) until all are bound and all Running, or the deadline passes.</summary>
    private static async Task<PlacementResult> PlacePodsAsync(KubernetesClient client, string prefix, int count, KubesharpServerProcess server)
    {
        var bound = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        var running = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        var allBound = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var allRunning = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var informer = new Informer<Pod>(client, new InformerOptions { Namespace = Namespace });
        void Seen(Pod pod)
        {
            var name = pod.Metadata?.Name ?? "";
            if (!name.StartsWith(prefix, StringComparison.Ordinal))
            {
                return;
            }

            if (!string.IsNullOrEmpty(pod.Spec?.NodeName) && bound.TryAdd(name, 0) && bound.Count == count)
            {
                allBound.TrySetResult();
            }

            if (pod.Status?.Phase == "Running" && running.TryAdd(name, 0) && running.Count == count)
            {
                allRunning.TrySetResult();
            }
        }

        informer.AddEventHandler(new ResourceEventHandler<Pod> { OnAdd = (p, _) => Seen(p), OnUpdate = (_, p) => Seen(p) });
        using var stop = new CancellationTokenSource();
        var informing = informer.RunAsync(stop.Token);
        await informer.WaitForSyncAsync().ConfigureAwait(false);

        var serverCpuBefore = server.CpuTime();
        var benchmarkCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Creators).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                await CreateRetryingAsync(client, new Pod
                {
                    Metadata = new ObjectMeta { Name = prefix + i.ToString(CultureInfo.InvariantCulture), Namespace = Namespace },
                    Spec = new PodSpec { Containers = [new Container { Name = "c", Image = "busybox" }] },
                }).ConfigureAwait(false);
            }
        })).ConfigureAwait(false);
        var created = watch.Elapsed;
        var deadline = Task.Delay(CaseDeadline);
        await Task.WhenAny(allBound.Task, deadline).ConfigureAwait(false);
        var boundAt = watch.Elapsed;
        await Task.WhenAny(allRunning.Task, deadline).ConfigureAwait(false);
        var runningAt = watch.Elapsed;
        var serverCpu = server.CpuTime() - serverCpuBefore;
        var benchmarkCpu = Process.GetCurrentProcess().TotalProcessorTime - benchmarkCpuBefore;
        await stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await informing.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        return new PlacementResult(created, boundAt, runningAt, bound.Count, running.Count, serverCpu, benchmarkCpu);
    }

    /// <summary>Creates the pod, retrying (a few times) a connection cut or a 5xx, as a client-go caller with retries would; AlreadyExists after a retry means the first attempt landed.</summary>
    private static async Task CreateRetryingAsync(KubernetesClient client, Pod pod)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await client.CreateAsync(pod).ConfigureAwait(false);
                return;
            }
            catch (KubernetesApiException e) when (e.IsAlreadyExists && attempt > 0)
            {
                return;
            }
            catch (Exception e) when (attempt < 5 && (e is HttpRequestException or IOException || e is KubernetesApiException { StatusCode: >= HttpStatusCode.InternalServerError }))
            {
                Console.Error.WriteLine($"create {pod.Metadata!.Name} failed ({e.Message}); retrying");
                await Task.Delay(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
            }
        }
    }

    private static string Row(string name, int nodes, int pods, PlacementResult r, KubesharpServerProcess server) => string.Create(
        CultureInfo.InvariantCulture,
        $"| {name}{(r.Bound < pods ? $" (only {r.Bound:N0} bound, {r.Running:N0} running at the deadline)" : "")} | {nodes:N0} | {pods:N0} | {r.Created.TotalSeconds:F1} | {r.AllBound.TotalSeconds:F1} | {r.Bound / r.AllBound.TotalSeconds:F0} | {r.AllRunning.TotalSeconds:F1} | {r.ServerCpu.TotalSeconds:F0} | {r.BenchmarkCpu.TotalSeconds:F0} | {(r.ServerCpu + r.BenchmarkCpu).TotalMilliseconds / Math.Max(1, r.Running):F1} | {server.RssMiB():F0} | {server.PeakRssMiB():F0} |");

    /// <summary>The server's managed heap from its /metrics: size after the latest collection, and what survived the latest full one.</summary>
    private static async Task<string> ServerHeapAsync(KubernetesClient client)
    {
        using var response = await client.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, "/metrics"), HttpCompletionOption.ResponseContentRead).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        string MiB(string metric) => text.Split('\n').FirstOrDefault(l => l.StartsWith(metric + " ", StringComparison.Ordinal)) is { } line
            ? (double.Parse(line[(metric.Length + 1)..], CultureInfo.InvariantCulture) / (1024 * 1024)).ToString("F0", CultureInfo.InvariantCulture)
            : "?";
        return $"server managed heap {MiB("dotnet_gc_heap_size_bytes")} MiB, live after the latest full GC {MiB("dotnet_gc_live_after_full_collection_bytes")} MiB";
    }

    private static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
}
