using System.Text.Json.Nodes;
using KubeSharp.Api.Core.V1;
using KubeSharp.Client;
using KubeSharp.Client.Informers;
using KubeSharp.Client.Queues;
using Microsoft.Extensions.Logging;

namespace KubeSharp.Controllers.NodeIpam;

/// <summary>
/// Node IPAM (kube-controller-manager's range allocator): every node without <c>spec.podCIDR</c>
/// gets the next free subnet of the cluster CIDR (<c>--cluster-cidr</c>, cut at
/// <c>--node-cidr-mask-size</c>), written to <c>spec.podCIDR</c> and <c>spec.podCIDRs</c>; ranges
/// nodes already carry (set by an agent started with <c>--pod-cidr</c>, or allocated before a
/// restart) are marked used first; a deleted node's range is freed. When none is left, the node
/// gets a CIDRNotAvailable event and is tried again later.
/// </summary>
internal sealed partial class NodeIpamController
{
    public const string CidrNotAvailable = "CIDRNotAvailable";

    private readonly KubernetesClient _client;
    private readonly Informer<Node> _nodes;
    private readonly ILogger _logger;
    private readonly PodCidrAllocator _allocator;
    private readonly Lock _lock = new();
    private readonly WorkQueue<string> _queue;
    private readonly EventRecorder _events;

    public NodeIpamController(KubernetesClient client, SharedInformers informers, string clusterCidr, int nodeMaskSize, ILogger logger)
    {
        _client = client;
        _nodes = informers.For<Node>();
        _logger = logger;
        _allocator = new PodCidrAllocator(clusterCidr, nodeMaskSize);
        _events = new EventRecorder(client, "cidrAllocator", logger);
        _queue = new WorkQueue<string>(RateLimiters.DefaultController<string>(TimeProvider.System), TimeProvider.System);
        _nodes.AddEventHandler(new ResourceEventHandler<Node>
        {
            OnAdd = (node, _) => _queue.Add(node.Metadata?.Name ?? ""),
            OnUpdate = (_, node) => _queue.Add(node.Metadata?.Name ?? ""),
            OnDelete = (node, _) => Release(node),
        });
    }

    /// <summary>Marks the ranges of the nodes in the (synced) cache used, then assigns ranges until cancelled.</summary>
    public Task RunAsync(int workers, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            foreach (var node in _nodes.Lister.List())
            {
                foreach (var cidr in CidrsOf(node))
                {
                    _allocator.Occupy(cidr);
                }
            }
        }

        return new ControllerWorker<string>("node-ipam", _queue, SyncAsync, _logger).RunAsync(workers, cancellationToken);
    }

    private static IEnumerable<string> CidrsOf(Node node) =>
        (node.Spec?.PodCIDRs ?? []).Append(node.Spec?.PodCIDR ?? "").Where(c => c.Length > 0).Distinct(StringComparer.Ordinal);

    private void Release(Node node)
    {
        lock (_lock)
        {
            foreach (var cidr in CidrsOf(node))
            {
                _allocator.Release(cidr);
            }
        }
    }

    private async Task SyncAsync(string name, CancellationToken cancellationToken)
    {
        var node = _nodes.Lister.Get(name);
        if (node is null || node.Metadata?.DeletionTimestamp is not null)
        {
            return;
        }

        if (CidrsOf(node).Any())
        {
            lock (_lock)
            {
                foreach (var cidr in CidrsOf(node))
                {
                    _allocator.Occupy(cidr);
                }
            }

            return;
        }

        string? allocated;
        lock (_lock)
        {
            allocated = _allocator.Allocate();
        }

        if (allocated is null)
        {
            await _events.RecordAsync(node, "v1", "Node", "Normal", CidrNotAvailable, $"Node {name} status is now: {CidrNotAvailable}", cancellationToken).ConfigureAwait(false);
            throw new InvalidOperationException($"no pod CIDR left in {_allocator.ClusterCidr} for node {name}");
        }

        var patch = new JsonObject { ["spec"] = new JsonObject { ["podCIDR"] = allocated, ["podCIDRs"] = new JsonArray(allocated) } };
        try
        {
            await _client.PatchAsync<Node>(name, new Patch(PatchType.Merge, patch.ToJsonString()), cancellationToken: cancellationToken).ConfigureAwait(false);
            Log.Assigned(_logger, allocated, name);
        }
        catch (Exception e) when (e is KubernetesApiException or HttpRequestException)
        {
            lock (_lock)
            {
                _allocator.Release(allocated);
            }

            if (e is KubernetesApiException { IsNotFound: true })
            {
                return;
            }

            throw;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "assigned pod CIDR {Cidr} to node {Node}")]
        public static partial void Assigned(ILogger logger, string cidr, string node);
    }
}
