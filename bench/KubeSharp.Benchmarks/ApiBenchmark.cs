using System.Buffers.Text;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.Client;
using KubeSharp.Client.Configuration;
using Measurement = KubeSharp.Benchmarks.StoreBenchmark.Measurement;

namespace KubeSharp.Benchmarks;

/// <summary>
/// The API server measured end to end over HTTPS (HTTP/2, client certificate). The server is
/// <see cref="ApiBenchmarkHost"/> in a child process, so its CPU time and memory are read from
/// /proc apart from this process's (the client's). Creates, gets, lists from the watch cache,
/// watch fan-out and the server's memory, plus the raw durable SQLite floor of
/// <see cref="StoreBenchmark"/> in this process. Every case stops at its operation count or its
/// time budget, whichever comes first.
/// </summary>
internal static class ApiBenchmark
{
    public const int ValueSize = 1024;
    public const string WarmUpNamespace = "bench-warmup";
    private const int ListedObjects = 10_000;
    private const int Watchers = 1000;
    private const int WatchedWrites = 50;
    private const string ListNamespace = "bench";
    private const string SequentialNamespace = "bench-seq";
    private const string WatchNamespace = "bench-watch";
    private const string DirectNamespace = "bench-direct";
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
            var clientOnly = new CpuClock(null);
            var raw = StoreBenchmark.RawSqliteInserts(Path.Combine(directory, "raw.db"), bytes, 3000);
            rows.Add(Row("Raw SQLite insert, 1 row per commit, 1 writer (before)", raw, "in the benchmark process", clientOnly));

            var startWatch = Stopwatch.StartNew();
            await using var server = await ServerProcess.StartAsync(Path.Combine(directory, "server"));
            Console.Error.WriteLine($"# server pid {server.Id}");
            notes.Add($"Server start (process start, store open, watch cache fill, bootstrap, Kestrel): {startWatch.Elapsed.TotalMilliseconds:F0} ms");
            await Task.Delay(TimeSpan.FromSeconds(3)); // let bootstrap's background loops settle
            var idleFrom = server.ProcessorTime();
            await Task.Delay(TimeSpan.FromSeconds(5));
            var idleCpu = (server.ProcessorTime() - idleFrom).TotalMilliseconds / 5000;
            var idleRss = server.RssMiB();

            var configuration = KubernetesClientConfiguration.FromKubeConfig(server.Kubeconfig);
            using var client = new KubernetesClient(configuration);
            var idleMemory = await server.MemoryAsync(client);
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"Idle server process after start, no request yet: working set {idleRss:F0} MB; then, asked over HTTP: {idleMemory}; CPU while idle {idleCpu:P1} of one core"));
            foreach (var ns in new[] { ListNamespace, SequentialNamespace, WatchNamespace, DirectNamespace, WarmUpNamespace })
            {
                await client.CreateAsync(new Namespace { Metadata = new ObjectMeta { Name = ns } });
            }

            Task<ConfigMap> ThroughApi(ConfigMap configMap) => client.CreateAsync(configMap);
            Task ThroughEcho(ConfigMap configMap) => client.RequestAsync<ConfigMap>(HttpMethod.Post, ApiBenchmarkHost.EchoPath, configMap);

            // Warm-up (not measured): JIT and tiering of the create, get and list paths (40 lists: past the 30 calls that promote a method to tier 1).
            var (_, warm) = await CreatesAsync(ThroughApi, WarmUpNamespace, payload, callers: 8, maxEach: 50);
            _ = await server.DirectCreatesAsync(client, WarmUpNamespace, callers: 8, count: 50, prefix: "direct");
            foreach (var name in warm)
            {
                _ = await client.GetAsync<ConfigMap>(name, WarmUpNamespace);
            }

            _ = await ListsAsync(client, $"/api/v1/namespaces/{WarmUpNamespace}/configmaps", count: 40);
            _ = await CreatesAsync(ThroughEcho, WarmUpNamespace, payload, callers: 8, maxEach: 50, prefix: "echo");
            // The watch path too (opening watches, fan-out, closing), at a tenth of the measured size:
            // without it the measured fan-out ran partly in tier-0 code with the JIT busy beside it.
            _ = await WatchFanOutAsync(configuration, client, payload, WarmUpNamespace, watchers: Watchers / 10, writes: 10);

            var jit = new JitClock(server, client);
            await jit.MarkAsync();
            // 1. Creates: one sequential caller, then 64 concurrent callers sharing the one client.
            Phase("create-1");
            var cpu = new CpuClock(server);
            var (sequential, _) = await CreatesAsync(ThroughApi, SequentialNamespace, payload, callers: 1, maxEach: 3000);
            rows.Add(Row("API create ConfigMap, 1 caller", sequential, "", cpu));
            Phase("create-64");
            var (concurrent, names) = await CreatesAsync(ThroughApi, ListNamespace, payload, callers: 64, maxEach: ListedObjects / 64);
            rows.Add(Row("API create ConfigMap, 64 callers", concurrent, "one KubernetesClient, HTTP/2", cpu));
            Phase("direct-64");
            var direct = await server.DirectCreatesAsync(client, DirectNamespace, callers: 64, count: 50, prefix: "cm");
            rows.Add(Row("ResourceStore.CreateAsync inside the server (no HTTP), 64 callers", direct, "registry + store + watch cache only", cpu));
            Phase("echo-64");
            var (echo, _) = await CreatesAsync(ThroughEcho, DirectNamespace, payload, callers: 64, maxEach: 100, prefix: "echo");
            rows.Add(Row($"Transport floor: POST {ApiBenchmarkHost.EchoPath} with a ConfigMap, 64 callers", echo, "client JSON + HTTP/2 + TLS + authentication, no registry", cpu));
            Phase("one-caller-cases");
            var directOne = await server.DirectCreatesAsync(client, DirectNamespace, callers: 1, count: 1000, prefix: "one");
            rows.Add(Row("ResourceStore.CreateAsync inside the server, 1 caller", directOne, "", cpu));
            var (echoOne, _) = await CreatesAsync(ThroughEcho, DirectNamespace, payload, callers: 1, maxEach: 2000, prefix: "echo-one");
            rows.Add(Row($"Transport floor: POST {ApiBenchmarkHost.EchoPath}, 1 caller", echoOne, "", cpu));
            var (sequentialAgain, _) = await CreatesAsync(ThroughApi, SequentialNamespace, payload, callers: 1, maxEach: 2000, prefix: "again");
            rows.Add(Row("API create ConfigMap, 1 caller, again after the cases above", sequentialAgain, "tiered JIT settled", cpu));

            // Top up the list namespace to exactly ListedObjects (not measured).
            var missing = ListedObjects - names.Count;
            if (missing > 0)
            {
                var (_, more) = await CreatesAsync(ThroughApi, ListNamespace, payload, callers: 16, maxEach: (missing + 15) / 16, prefix: "top", limit: missing, budget: TimeSpan.FromSeconds(60));
                names.AddRange(more);
            }

            await jit.TakeAsync("the create cases");
            // What the Authenticator did on every request before it cached verdicts per certificate.
            cpu.Reset();
            rows.Add(Row("Client-certificate chain check (ClusterCertificates.IsIssuedByCluster) inside the server, 1 caller", await server.ChainChecksAsync(client, 2000), "uncached; Authenticator now caches it per certificate", cpu));

            // 2. Gets of single objects.
            Phase("get");
            cpu.Reset();
            rows.Add(Row("API get ConfigMap, 1 caller", await GetsAsync(client, names, callers: 1, maxEach: 20_000), "", cpu));
            rows.Add(Row("API get ConfigMap, 64 callers", await GetsAsync(client, names, callers: 64, maxEach: 1_000), "", cpu));

            await jit.TakeAsync("the chain check and get cases");
            // 3. Lists of the whole namespace from the watch cache, read raw to the last byte.
            var path = $"/api/v1/namespaces/{ListNamespace}/configmaps";
            Phase("list");
            cpu.Reset();
            var (cached, cachedBytes) = await ListsAsync(client, path + "?resourceVersion=0", count: 30);
            rows.Add(Row($"API list {ListedObjects:N0}+ ConfigMaps, resourceVersion=0", cached, $"{cachedBytes / 1e6:F1} MB JSON", cpu));
            var (consistent, consistentBytes) = await ListsAsync(client, path, count: 30);
            rows.Add(Row($"API list {ListedObjects:N0}+ ConfigMaps, consistent (no resourceVersion)", consistent, $"{consistentBytes / 1e6:F1} MB JSON", cpu));
            var (paged, pagedBytes) = await ListsAsync(client, path + "?limit=500", count: 30);
            rows.Add(Row("API list first page, limit=500", paged, $"{pagedBytes / 1e6:F2} MB JSON", cpu));
            var (selected, selectedBytes) = await ListsAsync(client, path + "?resourceVersion=0&labelSelector=bench%3Dapi", count: 30);
            rows.Add(Row("API list with labelSelector (all match), resourceVersion=0", selected, $"{selectedBytes / 1e6:F1} MB JSON", cpu));
            await jit.TakeAsync("the list cases");
            notes.Add($"Server process after ~20,000 ConfigMaps are stored and listed (client idle): working set {server.RssMiB():F0} MB as read from /proc; asked over HTTP: {await server.MemoryAsync(client)}");

            // 4. Watch fan-out.
            Phase("watch");
            cpu.Reset();
            var watchCpu = cpu.Copy(); // both rows share one run: CPU per delivered event, opening the watches included
            var (fromAck, fromSend, summary) = await WatchFanOutAsync(configuration, client, payload, WatchNamespace, Watchers, WatchedWrites);
            rows.Add(Row($"Watch event delivery, {Watchers} watches × {WatchedWrites} writes, from write ack", fromAck, summary, cpu));
            rows.Add(Row("Watch event delivery, from write request sent", fromSend, "", watchCpu));
            await jit.TakeAsync("the watch case");
            notes.Add($"Server JIT (methods compiled, compilation time) during {string.Join("; ", jit.Spans)}");
            notes.Add($"Server with {Watchers} watches just closed: working set {server.RssMiB():F0} MB; asked over HTTP: {await server.MemoryAsync(client)}");
            notes.Add($"Server peak working set over the run (VmHWM): {server.PeakRssMiB():F0} MB");

            // The floor again, to show how much the shared disk and CPUs moved during the run.
            Phase("end");
            clientOnly.Reset();
            var rawAfter = StoreBenchmark.RawSqliteInserts(Path.Combine(directory, "raw-after.db"), bytes, 3000);
            rows.Add(Row("Raw SQLite insert, 1 row per commit, 1 writer (after)", rawAfter, "in the benchmark process", clientOnly));
            var floor = Math.Max(Rate(raw), Rate(rawAfter));
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"64-caller API creates / raw SQLite one-row-per-commit (the better of the two floor runs, {floor:N0}/s): {Rate(concurrent) / floor:F2}× (target ≥ 1.0×, < 0.5× is a defect); 1 caller: {Rate(sequential) / floor:F2}×"));
            notes.Add($"Load average at the end: {LoadAverage()}");
        }
        finally
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        Console.WriteLine("| Case | Operations | Ops/s | p50 ms | p99 ms | Server CPU ms/op | Client CPU ms/op | Notes |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---|");
        rows.ForEach(Console.WriteLine);
        Console.WriteLine();
        notes.ForEach(note => Console.WriteLine($"- {note}"));
        return 0;
    }

    /// <summary>
    /// Marks the start of a phase on standard error with the monotonic clock (Stopwatch ticks are
    /// CLOCK_MONOTONIC nanoseconds on Linux), so a `perf record -k CLOCK_MONOTONIC` of the server
    /// can be cut into phases.
    /// </summary>
    private static void Phase(string name) => Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# phase {name} {Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency:F6}"));

    private static double Rate(Measurement measurement) => measurement.Operations / measurement.Elapsed.TotalSeconds;

    /// <summary>One table row; CPU is the server's and this process's since the clock's mark, which moves to now.</summary>
    private static string Row(string name, Measurement measurement, string note, CpuClock cpu)
    {
        var (serverMs, clientMs) = cpu.Take();
        var operations = Math.Max(1, measurement.Operations);
        Array.Sort(measurement.LatenciesMs);
        var serverCell = serverMs is { } ms ? (ms / operations).ToString("F3", CultureInfo.InvariantCulture) : "";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"| {name} | {measurement.Operations:N0} | {Rate(measurement):N0} | {StoreBenchmark.Percentile(measurement.LatenciesMs, 0.50):F2} | {StoreBenchmark.Percentile(measurement.LatenciesMs, 0.99):F2} | {serverCell} | {clientMs / operations:F3} | {note} |");
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

    internal static async Task<(Measurement Measurement, List<string> Names)> CreatesAsync(
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
    /// Opens <paramref name="watchers"/> watches on one namespace from a plain HttpClient (HTTP/2 multiplexes
    /// them on a few connections), then makes <paramref name="writes"/> sequential creates <see cref="WatchedWriteSpacing"/> apart and
    /// times each event line's arrival at each watcher against the write's acknowledgement and its start.
    /// </summary>
    private static async Task<(Measurement FromAck, Measurement FromSend, string Summary)> WatchFanOutAsync(
        KubernetesClientConfiguration configuration, KubernetesClient client, string payload, string watchNamespace, int watchers, int writes)
    {
        var measured = watchNamespace == WatchNamespace;
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

        var start = await client.ListAsync<ConfigMap>(watchNamespace, new ListOptions { Limit = 1 });
        var path = $"/api/v1/namespaces/{watchNamespace}/configmaps?watch=true&resourceVersion={start.Metadata?.ResourceVersion}";
        var received = new long[watchers, writes];
        var opened = 0;
        var failures = 0;
        var allOpen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();
        var openWatch = Stopwatch.StartNew();
        var readers = Enumerable.Range(0, watchers).Select(watcher => Task.Run(async () =>
        {
            try
            {
                using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, stop.Token);
                response.EnsureSuccessStatusCode();
                if (Interlocked.Increment(ref opened) == watchers)
                {
                    allOpen.TrySetResult();
                }

                await using var stream = await response.Content.ReadAsStreamAsync(stop.Token);
                var buffer = new byte[64 * 1024];
                var filled = 0;
                for (var got = 0; got < writes;)
                {
                    if (filled == buffer.Length)
                    {
                        Array.Resize(ref buffer, buffer.Length * 2);
                    }

                    var read = await stream.ReadAsync(buffer.AsMemory(filled), stop.Token);
                    if (read == 0)
                    {
                        break;
                    }

                    var arrived = Stopwatch.GetTimestamp();
                    filled += read;
                    var consumed = 0;
                    int newline;
                    while ((newline = buffer.AsSpan(consumed, filled - consumed).IndexOf((byte)'\n')) >= 0)
                    {
                        if (WriteIndex(buffer.AsSpan(consumed, newline)) is { } index)
                        {
                            received[watcher, index] = arrived;
                            got++;
                        }

                        consumed += newline + 1;
                    }

                    buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                    filled -= consumed;
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
        if (measured)
        {
            Phase("watch-writes");
        }

        var sent = new long[writes];
        var acknowledged = new long[writes];
        for (var n = 0; n < writes; n++)
        {
            var configMap = new ConfigMap
            {
                Metadata = new ObjectMeta { Name = $"{WatchedPrefix}{n}", Namespace = watchNamespace },
                Data = new() { ["value"] = payload },
            };
            sent[n] = Stopwatch.GetTimestamp();
            await client.CreateAsync(configMap);
            acknowledged[n] = Stopwatch.GetTimestamp();
            await Task.Delay(WatchedWriteSpacing);
        }

        await Task.WhenAny(Task.WhenAll(readers), Task.Delay(TimeSpan.FromSeconds(10)));
        if (measured)
        {
            Phase("watch-close");
        }

        await stop.CancelAsync();
        await Task.WhenAll(readers);

        var fromAck = new List<double>(watchers * writes);
        var fromSend = new List<double>(watchers * writes);
        var beforeAck = 0;
        for (var watcher = 0; watcher < watchers; watcher++)
        {
            for (var n = 0; n < writes; n++)
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
            $"{opened}/{watchers} watches open in {openTime.TotalMilliseconds:F0} ms ({failures} failed); {fromAck.Count:N0}/{watchers * writes:N0} events received; {beforeAck:N0} arrived before the write's ack (counted as 0 ms)");
        return (new Measurement(fromAck.Count, span, [.. fromAck]), new Measurement(fromSend.Count, span, [.. fromSend]), summary);
    }

    /// <summary>
    /// Which of the watched writes an ADDED event line reports, from its object's name. A byte search
    /// rather than a JSON parse keeps the 1,000 readers' CPU small; only the watched ConfigMaps carry
    /// a "name":"fan-N" pair.
    /// </summary>
    private static int? WriteIndex(ReadOnlySpan<byte> line)
    {
        if (!line.StartsWith("{\"type\":\"ADDED\""u8))
        {
            return null;
        }

        var at = line.IndexOf("\"name\":\"fan-"u8);
        if (at < 0)
        {
            return null;
        }

        return Utf8Parser.TryParse(line[(at + 12)..], out int index, out _) ? index : null;
    }

    /// <summary>Methods the server's JIT compiled, and its compilation time, between marks (tiered re-compilation included).</summary>
    private sealed class JitClock(ServerProcess server, KubernetesClient client)
    {
        private (long Methods, double Ms) _mark;

        public List<string> Spans { get; } = [];

        public async Task MarkAsync() => _mark = await server.JitAsync(client);

        public async Task TakeAsync(string span)
        {
            var now = await server.JitAsync(client);
            Spans.Add(string.Create(CultureInfo.InvariantCulture, $"{span}: {now.Methods - _mark.Methods:N0} methods, {now.Ms - _mark.Ms:F0} ms"));
            _mark = now;
        }
    }

    /// <summary>CPU time used by the server process and by this one since a mark.</summary>
    private sealed class CpuClock(ServerProcess? server)
    {
        private TimeSpan _server = server?.ProcessorTime() ?? TimeSpan.Zero;
        private TimeSpan _client = ProcessorTime();

        public void Reset()
        {
            _server = server?.ProcessorTime() ?? TimeSpan.Zero;
            _client = ProcessorTime();
        }

        public CpuClock Copy() => (CpuClock)MemberwiseClone();

        /// <summary>Milliseconds of server CPU (null without a server) and of client CPU since the mark; the mark moves to now.</summary>
        public (double? ServerMs, double ClientMs) Take()
        {
            var serverNow = server?.ProcessorTime() ?? TimeSpan.Zero;
            var clientNow = ProcessorTime();
            var result = (server is null ? (double?)null : (serverNow - _server).TotalMilliseconds, (clientNow - _client).TotalMilliseconds);
            _server = serverNow;
            _client = clientNow;
            return result;
        }
    }

    /// <summary><see cref="ApiBenchmarkHost"/> as a child process: this benchmark's own assembly with `api-host`.</summary>
    private sealed class ServerProcess : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _log = new();
        private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private static readonly long TicksPerSecond = 100; // USER_HZ on Linux

        private ServerProcess(Process process, string directory)
        {
            _process = process;
            Kubeconfig = Path.Combine(directory, "kubeconfig.yaml");
        }

        public string Kubeconfig { get; }

        public int Id => _process.Id;

        public static async Task<ServerProcess> StartAsync(string directory)
        {
            Directory.CreateDirectory(directory);
            var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
            foreach (var a in new[] { typeof(ApiBenchmark).Assembly.Location, "api-host", "--dir", directory, "--port", FreePort().ToString(CultureInfo.InvariantCulture) })
            {
                psi.ArgumentList.Add(a);
            }

            var server = new ServerProcess(Process.Start(psi)!, directory);
            server._process.OutputDataReceived += (_, e) => server.Append(e.Data);
            server._process.ErrorDataReceived += (_, e) => server.Append(e.Data);
            server._process.BeginOutputReadLine();
            server._process.BeginErrorReadLine();
            if (await Task.WhenAny(server._ready.Task, server._process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(120))) != server._ready.Task)
            {
                throw new InvalidOperationException("the api-host process did not start:\n" + server.Log());
            }

            return server;
        }

        /// <summary>User plus system CPU time of the server process, from /proc/PID/stat.</summary>
        public TimeSpan ProcessorTime()
        {
            var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // After "pid (comm) ", fields start at "state" (3rd); utime and stime are the 14th and 15th.
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / (double)TicksPerSecond);
        }

        public double RssMiB() => StatusKiB("VmRSS:") / 1024.0;

        public double PeakRssMiB() => StatusKiB("VmHWM:") / 1024.0;

        public async Task<string> MemoryAsync(KubernetesClient client)
        {
            using var response = await client.SendAsync(() => new HttpRequestMessage(HttpMethod.Post, ApiBenchmarkHost.MemoryPath), HttpCompletionOption.ResponseContentRead);
            response.EnsureSuccessStatusCode();
            return await response.Content.ReadAsStringAsync();
        }

        public async Task<(long Methods, double Ms)> JitAsync(KubernetesClient client)
        {
            using var response = await client.SendAsync(() => new HttpRequestMessage(HttpMethod.Post, ApiBenchmarkHost.JitPath), HttpCompletionOption.ResponseContentRead);
            response.EnsureSuccessStatusCode();
            var parts = (await response.Content.ReadAsStringAsync()).Split(' ');
            return (long.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture));
        }

        public Task<Measurement> DirectCreatesAsync(KubernetesClient client, string ns, int callers, int count, string prefix) =>
            MeasurementAsync(client, $"{ApiBenchmarkHost.DirectPath}?ns={ns}&callers={callers}&count={count}&prefix={prefix}");

        public Task<Measurement> ChainChecksAsync(KubernetesClient client, int count) =>
            MeasurementAsync(client, $"{ApiBenchmarkHost.ChainPath}?count={count}");

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
        }

        private static async Task<Measurement> MeasurementAsync(KubernetesClient client, string pathAndQuery)
        {
            using var response = await client.SendAsync(() => new HttpRequestMessage(HttpMethod.Post, pathAndQuery), HttpCompletionOption.ResponseContentRead);
            response.EnsureSuccessStatusCode();
            var wire = JsonSerializer.Deserialize<ApiBenchmarkHost.MeasurementWire>(await response.Content.ReadAsStringAsync())
                ?? throw new InvalidOperationException("empty measurement");
            return wire.ToMeasurement();
        }

        private string Log()
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }

        private void Append(string? line)
        {
            if (line == "ready")
            {
                _ready.TrySetResult();
            }

            lock (_log)
            {
                _log.AppendLine(line);
            }
        }

        private long StatusKiB(string field)
        {
            var line = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
    }
}
