using System.Globalization;
using System.Text.Json;
using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.Api.Metrics.V1beta1;
using KubeSharp.Api.Selectors;
using KubeSharp.ApiServer.Http;
using KubeSharp.ApiServer.Printing;
using KubeSharp.ApiServer.Storage;
using KubeSharp.Node.Stats;
using Microsoft.AspNetCore.Http;
using NodeObject = KubeSharp.Api.Core.V1.Node;

namespace KubeSharp.NodeProxy;

/// <summary>
/// metrics.k8s.io/v1beta1 (what metrics-server serves): NodeMetrics and PodMetrics (get and list, labelSelector),
/// read on request from the kubelets' /stats/summary — CPU as the rate the kubelet measured, memory as the working
/// set. Nodes whose kubelet does not answer are left out, as metrics-server leaves out nodes it cannot scrape.
/// </summary>
internal sealed class MetricsApiRoutes(ResourceStore store, KubeletConnector kubelets, TablePrinters printers)
{
    public const string Group = "metrics.k8s.io";
    public const string Version = "v1beta1";
    private const string Prefix = "/apis/" + Group + "/" + Version + "/";
    private static readonly TimeSpan ScrapeTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The resources to list in discovery.</summary>
    public static IEnumerable<Discovery.ExtraResource> DiscoveryResources =>
    [
        new(Group, Version, "nodes", "NodeMetrics", false, ["get", "list"]),
        new(Group, Version, "pods", "PodMetrics", true, ["get", "list"]),
    ];

    public async Task<bool> HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (!path.StartsWith(Prefix, StringComparison.Ordinal) || !HttpMethods.IsGet(context.Request.Method))
        {
            return false;
        }

        var selector = ParseSelector(context.Request.Query["labelSelector"].ToString());
        switch (path[Prefix.Length..].TrimEnd('/').Split('/'))
        {
            case ["nodes"]:
                await WriteListAsync(context, "NodeMetricsList", await NodeMetricsAsync(null, selector, context.RequestAborted).ConfigureAwait(false)).ConfigureAwait(false);
                return true;
            case ["nodes", var name]:
                var node = (await NodeMetricsAsync(name, LabelQuery.Everything, context.RequestAborted).ConfigureAwait(false)).FirstOrDefault()
                    ?? throw ApiException.NotFound(new GroupResource(Group, "nodes"), name);
                await WriteAsync(context, node).ConfigureAwait(false);
                return true;
            case ["pods"]:
                await WriteListAsync(context, "PodMetricsList", await PodMetricsAsync(null, null, selector, context.RequestAborted).ConfigureAwait(false)).ConfigureAwait(false);
                return true;
            case ["namespaces", var ns, "pods"]:
                await WriteListAsync(context, "PodMetricsList", await PodMetricsAsync(ns, null, selector, context.RequestAborted).ConfigureAwait(false)).ConfigureAwait(false);
                return true;
            case ["namespaces", var ns, "pods", var name]:
                var pod = (await PodMetricsAsync(ns, name, LabelQuery.Everything, context.RequestAborted).ConfigureAwait(false)).FirstOrDefault()
                    ?? throw ApiException.NotFound(new GroupResource(Group, "pods"), name);
                await WriteAsync(context, pod).ConfigureAwait(false);
                return true;
            default:
                return false;
        }
    }

    /// <summary>A Quantity of CPU from nanocores, written as metrics-server writes it ("12345n").</summary>
    internal static Quantity Cpu(ulong nanoCores) => Quantity.Parse(nanoCores.ToString(CultureInfo.InvariantCulture) + "n");

    /// <summary>A Quantity of memory from bytes, in Ki as metrics-server writes it.</summary>
    internal static Quantity Memory(ulong bytes) => Quantity.Parse((bytes / 1024).ToString(CultureInfo.InvariantCulture) + "Ki");

    private static LabelQuery ParseSelector(string text) =>
        LabelQuery.TryParse(text, out var selector, out var error) ? selector : throw ApiException.BadRequest(error ?? "invalid label selector");

    private async Task<List<NodeMetrics>> NodeMetricsAsync(string? only, LabelQuery selector, CancellationToken cancellationToken)
    {
        var nodes = Snapshot<NodeObject>("nodes").Where(n => (only is null || n.Metadata?.Name == only) && selector.Matches(n.Metadata?.Labels)).ToList();
        var summaries = await ScrapeAsync(nodes, cancellationToken).ConfigureAwait(false);
        var result = new List<NodeMetrics>();
        foreach (var (node, summary) in summaries)
        {
            if (summary.Node is not { Cpu.UsageNanoCores: { } cpu, Memory.WorkingSetBytes: { } memory } stats)
            {
                continue;
            }

            result.Add(new NodeMetrics
            {
                ApiVersion = Group + "/" + Version,
                Kind = "NodeMetrics",
                Metadata = new ObjectMeta { Name = node.Metadata?.Name, Labels = node.Metadata?.Labels, CreationTimestamp = DateTimeOffset.UtcNow },
                Timestamp = stats.Cpu.Time,
                Window = Window,
                Usage = new Dictionary<string, Quantity> { ["cpu"] = Cpu(cpu), ["memory"] = Memory(memory) },
            });
        }

        return [.. result.OrderBy(m => m.Metadata?.Name, StringComparer.Ordinal)];
    }

    private async Task<List<PodMetrics>> PodMetricsAsync(string? ns, string? only, LabelQuery selector, CancellationToken cancellationToken)
    {
        var pods = Snapshot<Pod>("pods")
            .Where(p => (ns is null || p.Metadata?.Namespace == ns) && (only is null || p.Metadata?.Name == only) && selector.Matches(p.Metadata?.Labels))
            .Where(p => !string.IsNullOrEmpty(p.Spec?.NodeName) && p.Status?.Phase == "Running")
            .ToDictionary(p => p.Metadata?.Uid ?? "");
        var nodeNames = pods.Values.Select(p => p.Spec!.NodeName).ToHashSet();
        var nodes = Snapshot<NodeObject>("nodes").Where(n => nodeNames.Contains(n.Metadata?.Name)).ToList();
        var result = new List<PodMetrics>();
        foreach (var (_, summary) in await ScrapeAsync(nodes, cancellationToken).ConfigureAwait(false))
        {
            foreach (var stats in summary.Pods)
            {
                if (!pods.TryGetValue(stats.PodRef?.Uid ?? "", out var pod) || stats.Containers.Count == 0
                    || stats.Containers.Any(c => c.Cpu?.UsageNanoCores is null || c.Memory?.WorkingSetBytes is null))
                {
                    continue;
                }

                result.Add(new PodMetrics
                {
                    ApiVersion = Group + "/" + Version,
                    Kind = "PodMetrics",
                    Metadata = new ObjectMeta { Name = pod.Metadata?.Name, Namespace = pod.Metadata?.Namespace, Labels = pod.Metadata?.Labels, CreationTimestamp = DateTimeOffset.UtcNow },
                    Timestamp = stats.Cpu?.Time ?? DateTimeOffset.UtcNow,
                    Window = Window,
                    Containers =
                    [
                        .. stats.Containers.OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => new ContainerMetrics
                        {
                            Name = c.Name,
                            Usage = new Dictionary<string, Quantity> { ["cpu"] = Cpu(c.Cpu!.UsageNanoCores!.Value), ["memory"] = Memory(c.Memory!.WorkingSetBytes!.Value) },
                        }),
                    ],
                });
            }
        }

        return [.. result.OrderBy(m => m.Metadata?.Namespace, StringComparer.Ordinal).ThenBy(m => m.Metadata?.Name, StringComparer.Ordinal)];
    }

    // The kubelet measures CPU over at least this interval (see KubeSharp.Node.Stats.CpuUsageRates).
    private static string Window => "1s";

    private static bool WantsTable(HttpContext context) =>
        context.Request.Headers.Accept.ToString().Contains("as=Table", StringComparison.Ordinal);

    // kubectl get nodemetrics/podmetrics asks for a Table, as metrics-server answers it.
    private Task WriteTableAsync<T>(HttpContext context, List<T> items)
        where T : KubernetesObject
    {
        var stored = items.Select(i => new StoredObject(i.Metadata?.Name ?? "", i, KubeJson.SerializeToUtf8Bytes(i), 0)).ToList();
        var include = context.Request.Query["includeObject"].ToString();
        return ResponseWriter.WriteWithAsync(context, 200, w => printers.Write(w, typeof(T), stored, null, null, null, include, includeColumns: true));
    }

    private IEnumerable<T> Snapshot<T>(string plural)
        where T : KubernetesObject =>
        store.Cache.AllSnapshots().Where(s => s.Definition.Group.Length == 0 && s.Definition.Plural == plural)
            .SelectMany(s => s.Items.Values).Select(o => o.Object).OfType<T>();

    private async Task<List<(NodeObject Node, StatsSummary Summary)>> ScrapeAsync(List<NodeObject> nodes, CancellationToken cancellationToken)
    {
        var scrapes = nodes.Select(async node =>
        {
            if (KubeletConnector.Authority(node) is not { } authority)
            {
                return ((NodeObject, StatsSummary)?)null;
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ScrapeTimeout);
            try
            {
                using var response = await kubelets.GetAsync(authority, "/stats/summary", timeout.Token).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    return null;
                }

                await using var body = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
                var summary = await JsonSerializer.DeserializeAsync<StatsSummary>(body, StatsSummary.JsonOptions, timeout.Token).ConfigureAwait(false);
                return summary is null ? null : (node, summary);
            }
            catch (Exception e) when (e is HttpRequestException or JsonException or IOException
                || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                return null;
            }
        });
        return [.. (await Task.WhenAll(scrapes).ConfigureAwait(false)).Where(s => s is not null).Select(s => s!.Value)];
    }

    private Task WriteAsync<T>(HttpContext context, T item)
        where T : KubernetesObject =>
        WantsTable(context) ? WriteTableAsync(context, [item]) : ResponseWriter.WriteObjectAsync(context, 200, item);

    private async Task WriteListAsync<T>(HttpContext context, string kind, List<T> items)
        where T : KubernetesObject
    {
        if (WantsTable(context))
        {
            await WriteTableAsync(context, items).ConfigureAwait(false);
            return;
        }

        var list = new KubernetesList<T> { ApiVersion = Group + "/" + Version, Kind = kind, Metadata = new ListMeta(), Items = items };
        await ResponseWriter.WriteObjectAsync(context, 200, list).ConfigureAwait(false);
    }
}
