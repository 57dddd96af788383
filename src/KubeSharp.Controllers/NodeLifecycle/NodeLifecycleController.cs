using KubeSharp.Api.Coordination.V1;
using KubeSharp.Api.Core.V1;
using KubeSharp.Client;
using KubeSharp.Client.Informers;
using Microsoft.Extensions.Logging;

namespace KubeSharp.Controllers.NodeLifecycle;

/// <summary>
/// Watches node heartbeats (Leases in kube-node-lease and the Ready condition): a node silent for
/// <see cref="NodeHealth.GracePeriod"/> gets its conditions set Unknown; every node carries the
/// not-ready / unreachable / unschedulable taints matching its state, so the scheduler avoids it;
/// pods that do not tolerate a node's NoExecute taints (for their tolerationSeconds) are deleted.
/// </summary>
internal sealed class NodeLifecycleController
{
    private const string LeaseNamespace = "kube-node-lease";
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(5);

    /// <summary>Index of the pod informer from spec.nodeName to the pods bound to that node.</summary>
    internal const string PodsByNodeIndex = "spec.nodeName";

    private readonly KubernetesClient _client;
    private readonly Informer<Node> _nodes;
    private readonly Informer<Lease> _leases;
    private readonly Informer<Pod> _pods;
    private readonly EventRecorder _events;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    public NodeLifecycleController(KubernetesClient client, SharedInformers informers, ILogger logger, TimeProvider? time = null)
    {
        _client = client;
        _nodes = informers.For<Node>();
        _leases = informers.For<Lease>();
        _pods = informers.For<Pod>();
        _pods.Cache.TryAddIndexer(PodsByNodeIndex, PodNodeNames);
        _events = new EventRecorder(client, "node-controller", logger);
        _logger = logger;
        _time = time ?? TimeProvider.System;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Period, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                foreach (var node in _nodes.Lister.List())
                {
                    try
                    {
                        await CheckAsync(node, cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is KubernetesApiException or HttpRequestException or TimeoutException)
                    {
                        _logger.LogWarning("node {Node}: {Message}", node.Metadata?.Name, e.Message);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>The index values of a pod for <see cref="PodsByNodeIndex"/>: its node, if bound.</summary>
    internal static IEnumerable<string> PodNodeNames(Pod pod) =>
        pod.Spec?.NodeName is { Length: > 0 } nodeName ? [nodeName] : [];

    /// <summary>
    /// Decides from the cached node (read only) and copies it only to write: a healthy node with the
    /// right taints costs no allocation beyond the decision.
    /// </summary>
    private async Task CheckAsync(Node cached, CancellationToken cancellationToken)
    {
        var name = cached.Metadata?.Name ?? "";
        var now = DateTimeOffset.FromUnixTimeSeconds(_time.GetUtcNow().ToUnixTimeSeconds());
        var node = cached;
        if (NodeHealth.WentSilent(cached, _leases.Lister.Get(name, LeaseNamespace), now))
        {
            node = ObjectCopy.Clone(cached);
            NodeHealth.MarkUnknown(node, now);
            node = await _client.UpdateStatusAsync(node, cancellationToken: cancellationToken).ConfigureAwait(false);
            _logger.LogWarning("node {Node} stopped posting status; marked Unknown", name);
        }

        var taints = NodeHealth.DesiredTaints(node, now);
        if (!NodeHealth.SameTaints(node.Spec?.Taints, taints))
        {
            if (ReferenceEquals(node, cached))
            {
                node = ObjectCopy.Clone(cached);
                taints = NodeHealth.DesiredTaints(node, now);
            }

            (node.Spec ??= new NodeSpec()).Taints = taints.Count == 0 ? null : taints;
            try
            {
                await _client.UpdateAsync(node, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (KubernetesApiException e) when (e.IsConflict)
            {
                // The agent wrote meanwhile; the next pass decides again.
            }
        }

        await EvictAsync(name, taints, now, cancellationToken).ConfigureAwait(false);
    }

    private async Task EvictAsync(string nodeName, List<Taint> taints, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!taints.Any(t => t.Effect == "NoExecute"))
        {
            return;
        }

        foreach (var pod in _pods.Lister.ByIndex(PodsByNodeIndex, nodeName))
        {
            if (pod.Metadata?.DeletionTimestamp is not null)
            {
                continue;
            }

            if (NodeHealth.EvictionTime(pod, taints, now) is not { } at || at > now)
            {
                continue;
            }

            try
            {
                await _client.DeleteAsync<Pod>(pod.Metadata!.Name!, pod.Metadata.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
                _logger.LogInformation("evicted pod {Namespace}/{Pod} from node {Node} (NoExecute taint)", pod.Metadata.Namespace, pod.Metadata.Name, nodeName);
                await _events.RecordAsync(pod, "v1", "Pod", "Normal", "TaintManagerEviction", $"Marking for deletion Pod {pod.Metadata.Namespace}/{pod.Metadata.Name}", cancellationToken).ConfigureAwait(false);
            }
            catch (KubernetesApiException e) when (e.IsNotFound)
            {
            }
        }
    }
}
