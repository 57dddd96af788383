using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text.Json;
using KubeSharp.Api.Core.V1;
using KubeSharp.ApiServer;
using KubeSharp.ApiServer.Printing;
using KubeSharp.ApiServer.Registry.Strategies;
using KubeSharp.Client.Configuration;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Measurement = KubeSharp.Benchmarks.StoreBenchmark.Measurement;

namespace KubeSharp.Benchmarks;

/// <summary>
/// The server side of <see cref="ApiBenchmark"/>: <see cref="ApiServerHost"/> alone in its own process
/// (`api-host --dir D --port P`), so the server's CPU and memory are read apart from the client's.
/// Besides the API it serves a few authenticated benchmark routes:
/// <list type="bullet">
/// <item><c>POST /bench/echo</c>: reads the body and answers a stored ConfigMap's JSON (the transport floor).</item>
/// <item><c>POST /bench/direct?ns=&amp;callers=&amp;count=&amp;prefix=</c>: ResourceStore creates inside the server, answering the measurement.</item>
/// <item><c>POST /bench/chain?count=</c>: the client-certificate chain check, answering the measurement.</item>
/// <item><c>POST /bench/memory</c>: working set, then after a forced full compacting GC, and the managed heap.</item>
/// <item><c>POST /bench/jit</c>: methods the JIT compiled so far and its total time (milliseconds), as "N T".</item>
/// </list>
/// Prints "ready" on standard output once it serves.
/// </summary>
internal static class ApiBenchmarkHost
{
    public const string EchoPath = "/bench/echo";
    public const string DirectPath = "/bench/direct";
    public const string ChainPath = "/bench/chain";
    public const string MemoryPath = "/bench/memory";
    public const string JitPath = "/bench/jit";

    public static async Task<int> RunAsync(string[] args)
    {
        var directory = args[Array.IndexOf(args, "--dir") + 1];
        var port = int.Parse(args[Array.IndexOf(args, "--port") + 1], CultureInfo.InvariantCulture);
        var payload = Convert.ToBase64String(RandomBytes(ApiBenchmark.ValueSize))[..ApiBenchmark.ValueSize];
        using var loggerFactory = LoggerFactory.Create(logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
        var options = new ApiServerOptions { DataDir = directory, HttpsPort = port };
        await using var host = new ApiServerHost(options, loggerFactory);
        byte[]? echoBody = null;
        host.ExtraRoutes.Add(async context =>
        {
            var path = context.Request.Path.Value;
            switch (path)
            {
                case EchoPath:
                    await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
                    echoBody ??= EchoBody(host);
                    context.Response.StatusCode = 201;
                    context.Response.ContentType = "application/json";
                    context.Response.ContentLength = echoBody.Length;
                    await context.Response.Body.WriteAsync(echoBody, context.RequestAborted);
                    return true;
                case DirectPath:
                    await WriteMeasurementAsync(context, await DirectCreatesAsync(host, context.Request.Query, payload));
                    return true;
                case ChainPath:
                    await WriteMeasurementAsync(context, ChainChecks(host, options.KubeconfigPath, int.Parse(context.Request.Query["count"].ToString(), CultureInfo.InvariantCulture)));
                    return true;
                case MemoryPath:
                    context.Response.StatusCode = 200;
                    context.Response.ContentType = "text/plain";
                    await context.Response.WriteAsync(MemoryFigures(), context.RequestAborted);
                    return true;
                case JitPath:
                    context.Response.StatusCode = 200;
                    context.Response.ContentType = "text/plain";
                    await context.Response.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"{System.Runtime.JitInfo.GetCompiledMethodCount()} {System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds:F0}"), context.RequestAborted);
                    return true;
                default:
                    return false;
            }
        });
        await host.StartAsync(BuiltInStrategies.Create(), BuiltInPrinters.RegisterAll, CancellationToken.None);
        Console.WriteLine("ready");
        // Runs until the benchmark ends it (it kills this process) or closes standard input.
        await Task.Run(() => Console.In.ReadToEnd());
        return 0;
    }

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }

    private static byte[] EchoBody(ApiServerHost host)
    {
        var configMaps = host.Store.Catalog.Get<ConfigMap>();
        var items = host.Store.Cache.AllSnapshots().First(snapshot => snapshot.Definition == configMaps).Items.Values;
        return (items.FirstOrDefault(item => item.Namespace == ApiBenchmark.WarmUpNamespace) ?? items.First()).Json;
    }

    private static async Task<Measurement> DirectCreatesAsync(ApiServerHost host, IQueryCollection query, string payload)
    {
        var configMaps = host.Store.Catalog.Get<ConfigMap>();
        var options = new KubeSharp.ApiServer.Storage.WriteOptions(FieldManager: "kubesharp-client");
        Task Create(ConfigMap configMap) => host.Store.CreateAsync(configMaps, configMap.Metadata!.Namespace, configMap, options, CancellationToken.None);
        var (measurement, _) = await ApiBenchmark.CreatesAsync(
            Create,
            query["ns"].ToString(),
            payload,
            callers: int.Parse(query["callers"].ToString(), CultureInfo.InvariantCulture),
            maxEach: int.Parse(query["count"].ToString(), CultureInfo.InvariantCulture),
            prefix: query["prefix"].ToString());
        return measurement;
    }

    private static Measurement ChainChecks(ApiServerHost host, string kubeconfig, int count)
    {
        var certificate = KubernetesClientConfiguration.FromKubeConfig(kubeconfig).ClientCertificate ?? throw new InvalidOperationException("the kubeconfig has no client certificate");
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

    private static async Task WriteMeasurementAsync(HttpContext context, Measurement measurement)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, new MeasurementWire(measurement.Operations, measurement.Elapsed.TotalMilliseconds, measurement.LatenciesMs), cancellationToken: context.RequestAborted);
    }

    /// <summary>Working set as the OS sees it, then after a full compacting collection, and the managed heap.</summary>
    internal static string MemoryFigures()
    {
        var before = Environment.WorkingSet;
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var after = Environment.WorkingSet;
        return string.Create(CultureInfo.InvariantCulture, $"working set {before / 1048576.0:F0} MB, {after / 1048576.0:F0} MB after a full GC (managed heap {GC.GetTotalMemory(false) / 1048576.0:F0} MB)");
    }

    internal sealed record MeasurementWire(int Operations, double ElapsedMs, double[] LatenciesMs)
    {
        public Measurement ToMeasurement() => new(Operations, TimeSpan.FromMilliseconds(ElapsedMs), LatenciesMs);
    }
}
