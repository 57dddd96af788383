using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Runtime;
using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.ApiServer;
using KubeSharp.ApiServer.Printing;
using KubeSharp.ApiServer.Registry.Strategies;
using KubeSharp.Client;
using KubeSharp.Client.Configuration;
using Microsoft.Extensions.Logging;
using Measurement = KubeSharp.Benchmarks.StoreBenchmark.Measurement;

namespace KubeSharp.Benchmarks;

/// <summary>
/// The API server measured end to end over HTTPS (HTTP/2, client certificate) from
/// <see cref="KubernetesClient"/>, in the same process and run as the raw durable SQLite floor of
/// <see cref="StoreBenchmark"/>. Creates, gets, lists from the watch cache, watch fan-out and the
/// process's memory. Every case stops at its operation count or its time budget, whichever comes first.
/// </summary>
internal static class ApiBenchmark
{
    private const int ValueSize = 1024;
    private const int ListedObjects = 10_000;
    private const int Watchers = 1000;
    private const int WatchedWrites = 50;
    private const string ListNamespace = "bench";
    private const string SequentialNamespace = "bench-seq";
    private const string WatchNamespace = "bench-watch";
    private const string DirectNamespace = "bench-direct";
    private const string WarmUpNamespace = "bench-warmup";
    private const string EchoPath = "/bench/echo";
    /// <summary>Gap between the watched writes: long enough that one write's 1,000 deliveries finish before the next on 2 cores.</summary>
    private static readonly TimeSpan WatchedWriteSpacing = TimeSpan.FromMilliseconds(100);
    private const string WatchedPrefix = "fan-";
    private static readonly TimeSpan CaseBudget = TimeSpan.FromSeconds(15);

    public static async Task<int> RunAsync(string[] args)
    {
        var directory = args.Length == 2 && args[0] == "--dir"
            ? Directory.CreateDirectory(args[1]).FullName
            : Directory.CreateTempSubdirectory("kubesharp-bench-").FullName;
        var bytes = new byte[ValueSize];
        Random.Shared.NextBytes(bytes);
        // A 1 KiB string value, so a ConfigMap carries about as much data as a raw row.
        var payload = Convert.ToBase64String(bytes)[..ValueSize];
        Console.WriteLine($"# API server benchmark ({Environment.ProcessorCount} cores, {directory}, {ValueSize} B ConfigMap values, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load average {LoadAverage()})");
        Console.WriteLine();
        var rows = new List<string>();
        var notes = new List<string>();
        try
        {
            var cpu = ProcessorTime();
            var raw = StoreBenchmark.RawSqliteInserts(Path.Combine(directory, "raw.db"), bytes, 3000);
            rows.Add(Row("Raw SQLite insert, 1 row per commit, 1 writer (before)", raw, "", ref cpu));
            var harness = MemoryFigures();
            notes.Add($"Harness alone (after the raw SQLite run, before the server starts): {harness}");

            using var loggerFactory = LoggerFactory.Create(logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
            var options = new ApiServerOptions { DataDir = Path.Combine(directory, "server"), HttpsPort = FreePort() };
            await using var host = new ApiServerHost(options, loggerFactory);
            // The transport floor: an authenticated route that reads the body and answers with a stored
            // ConfigMap's JSON, so a client call costs TLS, HTTP/2, authentication and client JSON only.
            byte[]? echoBody = null;
            host.ExtraRoutes.Add(async context =>
            {
                if (context.Request.Path != EchoPath || echoBody is null)
                {
                    return false;
                }

                await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
                context.Response.StatusCode = 201;
                context.Response.ContentType = "application/json";
                context.Response.ContentLength = echoBody.Length;
                await context.Response.Body.WriteAsync(echoBody, context.RequestAborted);
                return true;
            });
            var startWatch = Stopwatch.StartNew();
            await host.StartAsync(BuiltInStrategies.Create(), BuiltInPrinters.RegisterAll, CancellationToken.None);
            notes.Add($"Server start (store open, watch cache fill, bootstrap, Kestrel): {startWatch.Elapsed.TotalMilliseconds:F0} ms");
            await Task.Delay(TimeSpan.FromSeconds(3)); // let bootstrap's background loops settle
            var idleFrom = ProcessorTime();
            await Task.Delay(TimeSpan.FromSeconds(5));
            var idleCpu = (ProcessorTime() - idleFrom).TotalMilliseconds / 5000;
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"Idle server process after start, no client yet: {MemoryFigures()}; CPU while idle {idleCpu:P1} of one core"));

            var configuration = KubernetesClientConfiguration.FromKubeConfig(options.KubeconfigPath);
            using var client = new KubernetesClient(configuration);
            foreach (var ns in new[] { ListNamespace, SequentialNamespace, WatchNamespace, DirectNamespace, WarmUpNamespace })
            {
                await client.CreateAsync(new Namespace { Metadata = new ObjectMeta { Name = ns } });
            }

            Task<ConfigMap> ThroughApi(ConfigMap configMap) => client.CreateAsync(configMap);
            var configMaps = host.Store.Catalog.Get<ConfigMap>();
            var directOptions = new KubeSharp.ApiServer.Storage.WriteOptions(FieldManager: "kubesharp-client");
            Task ThroughStore(ConfigMap configMap) => host.Store.CreateAsync(configMaps, configMap.Metadata!.Namespace, configMap, directOptions, CancellationToken.None);

            // Warm-up (not measured): JIT and tiering of the create, get and list paths.
            var (_, warm) = await CreatesAsync(ThroughApi, WarmUpNamespace, payload, callers: 8, maxEach: 50);
            _ = await CreatesAsync(ThroughStore, WarmUpNamespace, payload, callers: 8, maxEach: 50, prefix: "direct");
            foreach (var name in warm)
            {
                _ = await client.GetAsync<ConfigMap>(name, WarmUpNamespace);
            }

            _ = await ListsAsync(client, $"/api/v1/namespaces/{WarmUpNamespace}/configmaps", count: 5);
            using (var response = await client.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, $"/api/v1/namespaces/{WarmUpNamespace}/configmaps/{warm[0]}"), HttpCompletionOption.ResponseContentRead))
            {
                echoBody = await response.Content.ReadAsByteArrayAsync();
            }

            Task ThroughEcho(ConfigMap configMap) => client.RequestAsync<ConfigMap>(HttpMethod.Post, EchoPath, configMap);
            _ = await CreatesAsync(ThroughEcho, WarmUpNamespace, payload, callers: 8, maxEach: 50, prefix: "echo");

            // 1. Creates: one sequential caller, then 64 concurrent callers sharing the one client.
            cpu = ProcessorTime();
            var (sequential, _) = await CreatesAsync(ThroughApi, SequentialNamespace, payload, callers: 1, maxEach: 3000);
            rows.Add(Row("API create ConfigMap, 1 caller", sequential, "", ref cpu));
            var (concurrent, names) = await CreatesAsync(ThroughApi, ListNamespace, payload, callers: 64, maxEach: ListedObjects / 64);
            rows.Add(Row("API create ConfigMap, 64 callers", concurrent, "one KubernetesClient, HTTP/2", ref cpu));
            var (direct, _) = await CreatesAsync(ThroughStore, DirectNamespace, payload, callers: 64, maxEach: 50);
            rows.Add(Row("ResourceStore.CreateAsync in-process (no HTTP, no client), 64 callers", direct, "registry + store + watch cache only", ref cpu));
            var (echo, _) = await CreatesAsync(ThroughEcho, DirectNamespace, payload, callers: 64, maxEach: 100, prefix: "echo");
            rows.Add(Row($"Transport floor: POST {EchoPath} with a ConfigMap, 64 callers", echo, "client JSON + HTTP/2 + TLS + authentication, no registry", ref cpu));
            var (directOne, _) = await CreatesAsync(ThroughStore, DirectNamespace, payload, callers: 1, maxEach: 1000, prefix: "one");
            rows.Add(Row("ResourceStore.CreateAsync in-process, 1 caller", directOne, "", ref cpu));
            var (echoOne, _) = await CreatesAsync(ThroughEcho, DirectNamespace, payload, callers: 1, maxEach: 2000, prefix: "echo-one");
            rows.Add(Row($"Transport floor: POST {EchoPath}, 1 caller", echoOne, "", ref cpu));
            var (sequentialAgain, _) = await CreatesAsync(ThroughApi, SequentialNamespace, payload, callers: 1, maxEach: 2000, prefix: "again");
            rows.Add(Row("API create ConfigMap, 1 caller, again after the cases above", sequentialAgain, "tiered JIT settled", ref cpu));

            // Top up the list namespace to exactly ListedObjects (not measured).
            var missing = ListedObjects - names.Count;
            if (missing > 0)
            {
                var (_, more) = await CreatesAsync(ThroughApi, ListNamespace, payload, callers: 16, maxEach: (missing + 15) / 16, prefix: "top", limit: missing, budget: TimeSpan.FromSeconds(60));
                names.AddRange(more);
            }

            // What the Authenticator does on every request carrying a client certificate.
            cpu = ProcessorTime();
            rows.Add(Row("Client-certificate chain check (ClusterCertificates.IsIssuedByCluster), 1 caller", ChainChecks(host, configuration, 2000), "per request, no per-connection cache", ref cpu));

            // 2. Gets of single objects.
            cpu = ProcessorTime();
            rows.Add(Row("API get ConfigMap, 1 caller", await GetsAsync(client, names, callers: 1, maxEach: 20_000), "", ref cpu));
            rows.Add(Row("API get ConfigMap, 64 callers", await GetsAsync(client, names, callers: 64, maxEach: 1_000), "", ref cpu));

            // 3. Lists of the whole namespace from the watch cache.
            var listed = await client.ListAsync<ConfigMap>(ListNamespace, new ListOptions { ResourceVersion = "0" });
            var path = $"/api/v1/namespaces/{ListNamespace}/configmaps";
            cpu = ProcessorTime();
            var (cached, cachedBytes) = await ListsAsync(client, path + "?resourceVersion=0", count: 30);
            rows.Add(Row($"API list {listed.Items.Count:N0} ConfigMaps, resourceVersion=0", cached, $"{cachedBytes / 1e6:F1} MB JSON", ref cpu));
            var (consistent, consistentBytes) = await ListsAsync(client, path, count: 30);
            rows.Add(Row($"API list {listed.Items.Count:N0} ConfigMaps, consistent (no resourceVersion)", consistent, $"{consistentBytes / 1e6:F1} MB JSON", ref cpu));
            var (paged, pagedBytes) = await ListsAsync(client, path + "?limit=500", count: 30);
            rows.Add(Row("API list first page, limit=500", paged, $"{pagedBytes / 1e6:F2} MB JSON", ref cpu));
            listed = null;
            notes.Add($"Server process after {host.Store.Cache.AllSnapshots().Where(snapshot => snapshot.Definition.Kind == "ConfigMap").Sum(snapshot => snapshot.Items.Count):N0} ConfigMaps are stored (client idle): {MemoryFigures()}");

            // 4. Watch fan-out.
            cpu = ProcessorTime();
            var watchCpu = cpu; // both rows share one run: CPU per delivered event, opening the watches included
            var (fromAck, fromSend, summary) = await WatchFanOutAsync(configuration, client, payload);
            rows.Add(Row($"Watch event delivery, {Watchers} watches × {WatchedWrites} writes, from write ack", fromAck, summary, ref cpu));
            rows.Add(Row("Watch event delivery, from write request sent", fromSend, "", ref watchCpu));
            notes.Add($"Process with {Watchers} watches just closed: {MemoryFigures()}");

            // The floor again, to show how much the shared disk and CPUs moved during the run.
            cpu = ProcessorTime();
            var rawAfter = StoreBenchmark.RawSqliteInserts(Path.Combine(directory, "raw-after.db"), bytes, 3000);
            rows.Add(Row("Raw SQLite insert, 1 row per commit, 1 writer (after)", rawAfter, "", ref cpu));
            var floor = Math.Max(Rate(raw), Rate(rawAfter));
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"64-caller API creates / raw SQLite one-row-per-commit (the better of the two floor runs, {floor:N0}/s): {Rate(concurrent) / floor:F2}× (target ≥ 1.0×, < 0.5× is a defect); 1 caller: {Rate(sequential) / floor:F2}×"));
            notes.Add($"Load average at the end: {LoadAverage()}");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }

        Console.WriteLine("| Case | Operations | Ops/s | p50 ms | p99 ms | CPU ms/op | Notes |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---|");
        rows.ForEach(Console.WriteLine);
        Console.WriteLine();
        notes.ForEach(note => Console.WriteLine($"- {note}"));
        return 0;
    }

    private static double Rate(Measurement measurement) => measurement.Operations / measurement.Elapsed.TotalSeconds;

    /// <summary>One table row; CPU is the whole process's (server and client) since <paramref name="cpuMark"/>, which moves to now.</summary>
    private static string Row(string name, Measurement measurement, string note, ref TimeSpan cpuMark)
    {
        var now = ProcessorTime();
        var cpuPerOperation = (now - cpuMark).TotalMilliseconds / Math.Max(1, measurement.Operations);
        cpuMark = now;
        Array.Sort(measurement.LatenciesMs);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"| {name} | {measurement.Operations:N0} | {Rate(measurement):N0} | {StoreBenchmark.Percentile(measurement.LatenciesMs, 0.50):F2} | {StoreBenchmark.Percentile(measurement.LatenciesMs, 0.99):F2} | {cpuPerOperation:F3} | {note} |");
    }

    private static TimeSpan ProcessorTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Working set as the OS sees it, then after a full compacting collection, and the managed heap.</summary>
    private static string MemoryFigures()
    {
        var before = Environment.WorkingSet;
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var after = Environment.WorkingSet;
        return string.Create(CultureInfo.InvariantCulture, $"working set {before / 1048576.0:F0} MB, {after / 1048576.0:F0} MB after a full GC (managed heap {GC.GetTotalMemory(false) / 1048576.0:F0} MB)");
    }

    private static async Task<(Measurement Measurement, List<string> Names)> CreatesAsync(
        Func<ConfigMap, Task> create, string ns, string payload, int callers, int maxEach, string prefix = "cm", int? limit = null, TimeSpan? budget = null)
    {
        var deadline = budget ?? CaseBudget;
        var perCaller = new List<double>[callers];
        var names = new List<string>[callers];
        var remaining = limit ?? int.MaxValue;
        var total = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
        {
            perCaller[caller] = new List<double>(maxEach);
            names[caller] = new List<string>(maxEach);
            for (var n = 0; n < maxEach && total.Elapsed < deadline && Interlocked.Decrement(ref remaining) >= 0; n++)
            {
                var name = $"{prefix}-{caller}-{n}";
                var configMap = new ConfigMap
                {
                    Metadata = new ObjectMeta { Name = name, Namespace = ns, Labels = new() { ["bench"] = "api" } },
                    Data = new() { ["value"] = payload },
                };
                var started = Stopwatch.GetTimestamp();
                await create(configMap);
                perCaller[caller].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                names[caller].Add(name);
            }
        })));
        var elapsed = total.Elapsed;
        var latencies = perCaller.SelectMany(list => list).ToArray();
        return (new Measurement(latencies.Length, elapsed, latencies), names.SelectMany(list => list).ToList());
    }

    private static async Task<Measurement> GetsAsync(KubernetesClient client, List<string> names, int callers, int maxEach)
    {
        var budget = TimeSpan.FromSeconds(8);
        var perCaller = new List<double>[callers];
        var total = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
        {
            var random = new Random(caller);
            perCaller[caller] = new List<double>(maxEach);
            for (var n = 0; n < maxEach && total.Elapsed < budget; n++)
            {
                var started = Stopwatch.GetTimestamp();
                _ = await client.GetAsync<ConfigMap>(names[random.Next(names.Count)], ListNamespace);
                perCaller[caller].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        })));
        var elapsed = total.Elapsed;
        var latencies = perCaller.SelectMany(list => list).ToArray();
        return new Measurement(latencies.Length, elapsed, latencies);
    }

    private static Measurement ChainChecks(ApiServerHost host, KubernetesClientConfiguration configuration, int count)
    {
        var certificate = configuration.ClientCertificate ?? throw new InvalidOperationException("the kubeconfig has no client certificate");
        var latencies = new double[count];
        var total = Stopwatch.StartNew();
        for (var n = 0; n < count; n++)
        {
            var started = Stopwatch.GetTimestamp();
            if (!host.Certificates.IsIssuedByCluster(certificate))
            {
                throw new InvalidOperationException("the admin certificate was not accepted");
            }

            latencies[n] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        return new Measurement(count, total.Elapsed, latencies);
    }

    /// <summary>Sequential LISTs, timed until the last byte of the body is read (the client does not decode it).</summary>
    private static async Task<(Measurement Measurement, long Bytes)> ListsAsync(KubernetesClient client, string pathAndQuery, int count)
    {
        var latencies = new List<double>(count);
        long bytes = 0;
        var buffer = new byte[81920];
        var total = Stopwatch.StartNew();
        for (var n = 0; n < count && total.Elapsed < CaseBudget; n++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await client.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, pathAndQuery), HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync();
            bytes = 0;
            int read;
            while ((read = await body.ReadAsync(buffer)) > 0)
            {
                bytes += read;
            }

            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return (new Measurement(latencies.Count, total.Elapsed, [.. latencies]), bytes);
    }

    /// <summary>
    /// Opens <see cref="Watchers"/> watches on one namespace from a plain HttpClient (HTTP/2 multiplexes
    /// them on a few connections), then makes <see cref="WatchedWrites"/> sequential creates <see cref="WatchedWriteSpacing"/> apart and
    /// times each event line's arrival at each watcher against the write's acknowledgement and its start.
    /// </summary>
    private static async Task<(Measurement FromAck, Measurement FromSend, string Summary)> WatchFanOutAsync(
        KubernetesClientConfiguration configuration, KubernetesClient client, string payload)
    {
        using var http = new HttpClient(KubernetesClient.CreateHandler(configuration), disposeHandler: true)
        {
            BaseAddress = configuration.Server,
            Timeout = Timeout.InfiniteTimeSpan,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        if (!string.IsNullOrEmpty(configuration.AccessToken))
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", configuration.AccessToken);
        }

        var start = await client.ListAsync<ConfigMap>(WatchNamespace, new ListOptions { Limit = 1 });
        var path = $"/api/v1/namespaces/{WatchNamespace}/configmaps?watch=true&resourceVersion={start.Metadata?.ResourceVersion}";
        var received = new long[Watchers, WatchedWrites];
        var opened = 0;
        var failures = 0;
        var allOpen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();
        var openWatch = Stopwatch.StartNew();
        var watchers = Enumerable.Range(0, Watchers).Select(watcher => Task.Run(async () =>
        {
            try
            {
                using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, stop.Token);
                response.EnsureSuccessStatusCode();
                if (Interlocked.Increment(ref opened) == Watchers)
                {
                    allOpen.TrySetResult();
                }

                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop.Token));
                for (var got = 0; got < WatchedWrites && await reader.ReadLineAsync(stop.Token) is { } line;)
                {
                    var arrived = Stopwatch.GetTimestamp();
                    if (WriteIndex(line) is { } index)
                    {
                        received[watcher, index] = arrived;
                        got++;
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref failures);
            }
        })).ToArray();

        await Task.WhenAny(allOpen.Task, Task.Delay(TimeSpan.FromSeconds(20)));
        var openTime = openWatch.Elapsed;
        var sent = new long[WatchedWrites];
        var acknowledged = new long[WatchedWrites];
        for (var n = 0; n < WatchedWrites; n++)
        {
            var configMap = new ConfigMap
            {
                Metadata = new ObjectMeta { Name = $"{WatchedPrefix}{n}", Namespace = WatchNamespace },
                Data = new() { ["value"] = payload },
            };
            sent[n] = Stopwatch.GetTimestamp();
            await client.CreateAsync(configMap);
            acknowledged[n] = Stopwatch.GetTimestamp();
            await Task.Delay(WatchedWriteSpacing);
        }

        await Task.WhenAny(Task.WhenAll(watchers), Task.Delay(TimeSpan.FromSeconds(10)));
        await stop.CancelAsync();
        await Task.WhenAll(watchers);

        var fromAck = new List<double>(Watchers * WatchedWrites);
        var fromSend = new List<double>(Watchers * WatchedWrites);
        var beforeAck = 0;
        for (var watcher = 0; watcher < Watchers; watcher++)
        {
            for (var n = 0; n < WatchedWrites; n++)
            {
                var arrived = received[watcher, n];
                if (arrived == 0)
                {
                    continue;
                }

                var afterAck = (arrived - acknowledged[n]) * 1000.0 / Stopwatch.Frequency;
                beforeAck += afterAck < 0 ? 1 : 0;
                fromAck.Add(Math.Max(0, afterAck));
                fromSend.Add((arrived - sent[n]) * 1000.0 / Stopwatch.Frequency);
            }
        }

        var span = TimeSpan.FromTicks((acknowledged[^1] - sent[0]) * TimeSpan.TicksPerSecond / Stopwatch.Frequency);
        var summary = string.Create(
            CultureInfo.InvariantCulture,
            $"{opened}/{Watchers} watches open in {openTime.TotalMilliseconds:F0} ms ({failures} failed); {fromAck.Count:N0}/{Watchers * WatchedWrites:N0} events received; {beforeAck:N0} arrived before the write's ack (counted as 0 ms)");
        return (new Measurement(fromAck.Count, span, [.. fromAck]), new Measurement(fromSend.Count, span, [.. fromSend]), summary);
    }

    /// <summary>
    /// Which of the watched writes an ADDED event line reports, from its object's name. A text search
    /// rather than a JSON parse keeps the 1,000 in-process readers' CPU share small; only the watched
    /// ConfigMaps carry a "name":"fan-N" pair.
    /// </summary>
    private static int? WriteIndex(string line)
    {
        const string NameMarker = "\"name\":\"" + WatchedPrefix;
        if (!line.StartsWith("{\"type\":\"ADDED\"", StringComparison.Ordinal))
        {
            return null;
        }

        var at = line.IndexOf(NameMarker, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var digits = line.AsSpan(at + NameMarker.Length);
        return int.Parse(digits[..digits.IndexOf('"')], CultureInfo.InvariantCulture);
    }
}
