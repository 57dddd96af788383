using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using KubeSharp.ApiServer.Storage;

namespace KubeSharp.ApiServer.Http;

/// <summary>Request counters and latency sums in the Prometheus text format (/metrics).</summary>
public sealed class ApiMetrics
{
    private readonly ConcurrentDictionary<(string Verb, int Code), long> _requests = new();
    private readonly ConcurrentDictionary<string, (long Count, double Seconds)> _latency = new();

    public void Observe(string method, int code, TimeSpan elapsed)
    {
        _requests.AddOrUpdate((method, code), 1, (_, n) => n + 1);
        _latency.AddOrUpdate(method, (1, elapsed.TotalSeconds), (_, v) => (v.Count + 1, v.Seconds + elapsed.TotalSeconds));
    }

    public string Render(ResourceStore store)
    {
        var sb = new StringBuilder();
        sb.Append("# HELP apiserver_request_total Counter of apiserver requests broken out by verb and HTTP response code.\n");
        sb.Append("# TYPE apiserver_request_total counter\n");
        foreach (var ((verb, code), n) in _requests.OrderBy(kv => kv.Key.Verb, StringComparer.Ordinal).ThenBy(kv => kv.Key.Code))
        {
            sb.Append(CultureInfo.InvariantCulture, $"apiserver_request_total{{verb=\"{verb}\",code=\"{code}\"}} {n}\n");
        }

        sb.Append("# HELP apiserver_request_duration_seconds Response latency by verb.\n");
        sb.Append("# TYPE apiserver_request_duration_seconds summary\n");
        foreach (var (verb, (count, seconds)) in _latency.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            sb.Append(CultureInfo.InvariantCulture, $"apiserver_request_duration_seconds_sum{{verb=\"{verb}\"}} {seconds}\n");
            sb.Append(CultureInfo.InvariantCulture, $"apiserver_request_duration_seconds_count{{verb=\"{verb}\"}} {count}\n");
        }

        sb.Append("# HELP kubesharp_watch_cache_revision Newest store revision applied to the watch cache.\n");
        sb.Append("# TYPE kubesharp_watch_cache_revision gauge\n");
        sb.Append(CultureInfo.InvariantCulture, $"kubesharp_watch_cache_revision {store.Cache.Revision}\n");
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        sb.Append("# HELP process_resident_memory_bytes Resident memory size in bytes.\n");
        sb.Append("# TYPE process_resident_memory_bytes gauge\n");
        sb.Append(CultureInfo.InvariantCulture, $"process_resident_memory_bytes {process.WorkingSet64}\n");
        var background = GC.GetGCMemoryInfo(GCKind.Background);
        var blocking = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        var lastFull = background.Index > blocking.Index ? background : blocking;
        sb.Append("# HELP dotnet_gc_heap_size_bytes Managed heap size (live and not yet collected objects, fragmentation) after the latest garbage collection.\n");
        sb.Append("# TYPE dotnet_gc_heap_size_bytes gauge\n");
        sb.Append(CultureInfo.InvariantCulture, $"dotnet_gc_heap_size_bytes {GC.GetGCMemoryInfo().HeapSizeBytes}\n");
        sb.Append("# HELP dotnet_gc_live_after_full_collection_bytes Bytes that survived the latest full (gen2) collection: the live managed heap then.\n");
        sb.Append("# TYPE dotnet_gc_live_after_full_collection_bytes gauge\n");
        sb.Append(CultureInfo.InvariantCulture, $"dotnet_gc_live_after_full_collection_bytes {lastFull.PromotedBytes}\n");
        return sb.ToString();
    }
}
