using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.Client;
using KubeSharp.Client.Informers;
using Microsoft.Extensions.Logging;

namespace KubeSharp.Controllers.PodGarbageCollection;

/// <summary>
/// Deletes pods no kubelet will ever finish: pods bound to a node that no longer exists (seen
/// missing on two passes in a row, so a node being re-registered is not raced), at once and with
/// no grace period, as Kubernetes' pod garbage collector does.
/// </summary>
internal sealed class PodGarbageCollector
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(20);

    private readonly KubernetesClient _client;
    private readonly Informer<Pod> _pods;
    private readonly Informer<Node> _nodes;
    private readonly ILogger _logger;
    private HashSet<string> _missingLastPass = new(StringComparer.Ordinal);

    public PodGarbageCollector(KubernetesClient client, SharedInformers informers, ILogger logger)
    {
        _client = client;
        _pods = informers.For<Pod>();
        _nodes = informers.For<Node>();
        _logger = logger;
    }

    /// <summary>Node names pods are bound to that are not among <paramref name="nodes"/>.</summary>
    internal static HashSet<string> MissingNodes(IEnumerable<Pod> pods, IEnumerable<Node> nodes)
    {
        var existing = nodes.Select(n => n.Metadata?.Name ?? "").ToHashSet(StringComparer.Ordinal);
        return pods.Select(p => p.Spec?.NodeName).OfType<string>().Where(n => n.Length > 0 && !existing.Contains(n)).ToHashSet(StringComparer.Ordinal);
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Period);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                await PassAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task PassAsync(CancellationToken cancellationToken)
    {
        var pods = _pods.Lister.List();
        var missing = MissingNodes(pods, _nodes.Lister.List());
        var confirmed = missing.Where(_missingLastPass.Contains).ToHashSet(StringComparer.Ordinal);
        _missingLastPass = missing;
        foreach (var pod in pods.Where(p => p.Spec?.NodeName is { } node && confirmed.Contains(node)))
        {
            try
            {
                await _client.DeleteAsync<Pod>(pod.Metadata!.Name!, pod.Metadata.Namespace, new DeleteOptions { GracePeriodSeconds = 0 }, cancellationToken).ConfigureAwait(false);
                _logger.LogInformation("deleted pod {Namespace}/{Pod}: its node {Node} no longer exists", pod.Metadata.Namespace, pod.Metadata.Name, pod.Spec!.NodeName);
            }
            catch (KubernetesApiException e) when (e.IsNotFound || e.IsConflict)
            {
            }
            catch (Exception e) when (e is KubernetesApiException or HttpRequestException or TimeoutException)
            {
                _logger.LogWarning("could not delete orphaned pod {Namespace}/{Pod}: {Message}", pod.Metadata?.Namespace, pod.Metadata?.Name, e.Message);
            }
        }
    }
}
