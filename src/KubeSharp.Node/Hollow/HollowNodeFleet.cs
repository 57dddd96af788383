using System.Collections.Concurrent;
using KubeSharp.Api;
using KubeSharp.Api.Coordination.V1;
using KubeSharp.Api.Core.V1;
using KubeSharp.Client;
using KubeSharp.Client.Informers;
using KubeSharp.Client.Queues;
using KubeSharp.Node.Agent;
using Microsoft.Extensions.Logging;
using NodeObject = KubeSharp.Api.Core.V1.Node;

namespace KubeSharp.Node.Hollow;

/// <summary>
/// Many simulated nodes in one process, for scale tests: each registers a Node labelled
/// kubesharp.io/hollow=true, renews its Lease and posts its status like a kubelet, and reports the
/// pods bound to it Running with a fake IP from its pod CIDR; a pod being deleted is removed at once
/// (grace 0). No containers run. To scale to thousands of nodes the fleet has one pod watch for all
/// its nodes, one heartbeat loop that spreads renewals over the interval, and a bound on the writes
/// in flight (<see cref="HollowNodeOptions.MaxConcurrentWrites"/>).
/// </summary>
public sealed class HollowNodeFleet : IAsyncDisposable
{
    private static readonly TimeSpan HeartbeatTick = TimeSpan.FromMilliseconds(100);
    private readonly KubernetesClient _client;
    private readonly HollowNodeOptions _options;
    private readonly ILogger _logger;
    private readonly Dictionary<string, HollowNode> _nodes;
    private readonly SemaphoreSlim _writeSlots;
    private readonly Informer<Pod> _pods;
    private readonly WorkQueue<string> _podQueue = new(RateLimiters.DefaultController<string>());
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private readonly ConcurrentDictionary<string, byte> _runningPods = new(StringComparer.Ordinal);
    private long _heartbeatFailures;

    public HollowNodeFleet(KubernetesClient client, HollowNodeOptions options, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        ArgumentNullException.ThrowIfNull(options);
        _client = client;
        _options = options;
        _logger = loggerFactory.CreateLogger("hollow-nodes");
        var firstSubnet = StableHash(options.NamePrefix);
        _nodes = Enumerable.Range(0, options.Count)
            .Select(i => new HollowNode(options, i, Ipv4Cidr.Subnet(options.FallbackPodCidrRange, firstSubnet + i, 24)))
            .ToDictionary(n => n.Name, StringComparer.Ordinal);
        _writeSlots = new SemaphoreSlim(Math.Max(1, options.MaxConcurrentWrites));
        // The one pod watch of the process: every pod, filtered here by node name.
        _pods = new Informer<Pod>(client, new InformerOptions(), loggerFactory.CreateLogger("hollow-nodes.informer.Pod"));
        _pods.AddEventHandler(new ResourceEventHandler<Pod>
        {
            OnAdd = (pod, _) => PodChanged(pod),
            OnUpdate = (_, pod) => PodChanged(pod),
            OnDelete = (pod, _) => PodGone(pod),
        });
    }

    public IReadOnlyCollection<string> NodeNames => _nodes.Keys;

    /// <summary>Pods of this fleet's nodes that it has reported Running and not yet seen deleted.</summary>
    public int RunningPods => _runningPods.Count;

    /// <summary>Lease or status writes that failed (they are retried at the next interval).</summary>
    public long HeartbeatFailures => Interlocked.Read(ref _heartbeatFailures);

    /// <summary>Registers every node (Node, status, Lease), then starts the pod watch and the heartbeats; returns once all are registered.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _logger.LogInformation(
            "starting {Count} hollow nodes {First}..{Last} (simulated: labelled {Label}=true, no containers run)",
            _options.Count, _options.NodeName(0), _options.NodeName(_options.Count - 1), HollowNodeOptions.HollowLabel);
        await Parallel.ForEachAsync(
            _nodes.Values,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.MaxConcurrentWrites), CancellationToken = cancellationToken },
            async (node, ct) => await RegisterAsync(node, ct).ConfigureAwait(false)).ConfigureAwait(false);
        _logger.LogInformation("registered {Count} hollow nodes", _options.Count);

        var stopping = _stop.Token;
        _loops.Add(Task.Run(() => _pods.RunAsync(stopping), CancellationToken.None));
        var podWorker = new ControllerWorker<string>("hollow-pods", _podQueue, SyncPodAsync, _logger);
        _loops.Add(Task.Run(() => podWorker.RunAsync(Math.Max(1, _options.MaxConcurrentWrites), stopping), CancellationToken.None));
        _loops.Add(Task.Run(() => HeartbeatLoopAsync(stopping), CancellationToken.None));
    }

    /// <summary>Stops the heartbeats and the pod watch. The nodes stay registered and go NotReady once their leases expire.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _podQueue.ShutDown();
        try
        {
            await Task.WhenAll(_loops).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _podQueue.Dispose();
        _writeSlots.Dispose();
        _stop.Dispose();
    }

    /// <summary>A stable (process-independent) hash, so fallback pod CIDRs of a prefix are the same in every run.</summary>
    internal static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash & 0x3fff_ffff);
    }

    private async Task RegisterAsync(HollowNode node, CancellationToken cancellationToken)
    {
        NodeObject stored;
        try
        {
            stored = await WriteAsync(ct => _client.CreateAsync(node.NewNode(), cancellationToken: ct), cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException e) when (e.IsAlreadyExists)
        {
            // A previous run of this fleet registered it; take it over.
            stored = await _client.GetAsync<NodeObject>(node.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        node.Stored = stored;
        await PostStatusAsync(node, cancellationToken).ConfigureAwait(false);
        await RenewLeaseAsync(node, cancellationToken).ConfigureAwait(false);
        var now = DateTimeOffset.UtcNow;
        // Spread the heartbeats of the fleet evenly over the intervals.
        var share = (double)node.Index / Math.Max(1, _options.Count);
        node.NextLeaseRenewal = now + (_options.LeaseRenewInterval * share);
        node.NextStatusPost = now + (_options.NodeStatusReportInterval * share);
    }

    /// <summary>Writes the node's status from the node as last stored; a conflict (someone else wrote the node) reads it again.</summary>
    private async Task PostStatusAsync(HollowNode node, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var current = node.Stored ?? await _client.GetAsync<NodeObject>(node.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
            var update = new NodeObject
            {
                ApiVersion = "v1",
                Kind = "Node",
                Metadata = current.Metadata,
                Spec = current.Spec,
                Status = node.BuildStatus(current.Status, Seconds(DateTimeOffset.UtcNow)),
            };
            try
            {
                node.Stored = await WriteAsync(ct => _client.UpdateStatusAsync(update, cancellationToken: ct), cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (KubernetesApiException e) when (e.IsConflict && attempt < 5)
            {
                node.Stored = null;
            }
        }
    }

    /// <summary>Renews the Lease from the copy last stored (one write); creates it when missing, reads it again on a conflict.</summary>
    private async Task RenewLeaseAsync(HollowNode node, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        for (var attempt = 0; ; attempt++)
        {
            if (node.StoredLease is null)
            {
                try
                {
                    node.StoredLease = await WriteAsync(ct => _client.CreateAsync(node.NewLease(now), cancellationToken: ct), cancellationToken).ConfigureAwait(false);
                    return;
                }
                catch (KubernetesApiException e) when (e.IsAlreadyExists)
                {
                    node.StoredLease = await _client.GetAsync<Lease>(node.Name, NodeStatusReporter.LeaseNamespace, cancellationToken).ConfigureAwait(false);
                }
            }

            var lease = node.StoredLease;
            lease.Spec ??= new LeaseSpec();
            lease.Spec.HolderIdentity = node.Name;
            lease.Spec.LeaseDurationSeconds = NodeStatusReporter.LeaseDurationSeconds;
            lease.Spec.RenewTime = now;
            try
            {
                node.StoredLease = await WriteAsync(ct => _client.UpdateAsync(lease, cancellationToken: ct), cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (KubernetesApiException e) when ((e.IsConflict || e.IsNotFound) && attempt < 3)
            {
                node.StoredLease = e.IsNotFound ? null : await _client.TryGetAsync<Lease>(node.Name, NodeStatusReporter.LeaseNamespace, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task HeartbeatLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(HeartbeatTick);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                var now = DateTimeOffset.UtcNow;
                foreach (var node in _nodes.Values)
                {
                    var leaseDue = node.NextLeaseRenewal <= now;
                    var statusDue = node.NextStatusPost <= now;
                    if ((!leaseDue && !statusDue) || Interlocked.CompareExchange(ref node.HeartbeatInFlight, 1, 0) != 0)
                    {
                        continue;
                    }

                    if (leaseDue)
                    {
                        node.NextLeaseRenewal += _options.LeaseRenewInterval;
                    }

                    if (statusDue)
                    {
                        node.NextStatusPost += _options.NodeStatusReportInterval;
                    }

                    _ = HeartbeatAsync(node, leaseDue, statusDue, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task HeartbeatAsync(HollowNode node, bool lease, bool status, CancellationToken cancellationToken)
    {
        try
        {
            if (lease)
            {
                await RenewLeaseAsync(node, cancellationToken).ConfigureAwait(false);
            }

            if (status)
            {
                await PostStatusAsync(node, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // A failed heartbeat is retried at the next interval; it must not end the loop.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref _heartbeatFailures);
            _logger.LogWarning("hollow node {Node}: heartbeat failed: {Message}", node.Name, e.Message);
        }
        finally
        {
            Volatile.Write(ref node.HeartbeatInFlight, 0);
        }
    }

    private void PodChanged(Pod pod)
    {
        if (pod.Spec?.NodeName is { Length: > 0 } nodeName && _nodes.TryGetValue(nodeName, out var node))
        {
            // A pod already running when this process started keeps the address it was given.
            if (pod.Status?.Phase == "Running" && pod.Status.PodIP is { } ip && pod.Metadata?.Uid is { } uid)
            {
                node.Addresses.Reserve(uid, ip);
                _runningPods.TryAdd(ObjectCache<Pod>.KeyOf(pod), 0);
            }

            if (pod.Metadata?.DeletionTimestamp is not null || pod.Status?.Phase is null or "Pending")
            {
                _podQueue.Add(ObjectCache<Pod>.KeyOf(pod));
            }
        }
    }

    private void PodGone(Pod pod)
    {
        _runningPods.TryRemove(ObjectCache<Pod>.KeyOf(pod), out _);
        if (pod.Spec?.NodeName is { Length: > 0 } nodeName && _nodes.TryGetValue(nodeName, out var node) && pod.Metadata?.Uid is { } uid)
        {
            node.Addresses.Release(uid);
        }
    }

    private async Task SyncPodAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = ObjectCache<Pod>.SplitKey(key);
        var pod = _pods.Lister.Get(name, ns);
        if (pod?.Spec?.NodeName is not { Length: > 0 } nodeName || !_nodes.TryGetValue(nodeName, out var node))
        {
            return;
        }

        try
        {
            if (pod.Metadata?.DeletionTimestamp is not null)
            {
                // The "containers" stopped at once: remove the pod for good.
                var options = new DeleteOptions { GracePeriodSeconds = 0, Preconditions = new Preconditions { Uid = pod.Metadata.Uid } };
                await WriteAsync(ct => _client.DeleteAsync<Pod>(name, ns, options, ct), cancellationToken).ConfigureAwait(false);
                return;
            }

            if (pod.Status?.Phase is not (null or "Pending"))
            {
                return;
            }

            var address = node.Addresses.Allocate(pod.Metadata!.Uid!);
            if (address is null)
            {
                _logger.LogWarning("hollow node {Node}: no pod address left in {Cidr} for pod {Pod}", node.Name, node.Addresses.Cidr, key);
                return;
            }

            var update = KubeJson.Deserialize<Pod>(KubeJson.SerializeToUtf8Bytes(pod))!;
            update.Status = HollowNode.RunningStatus(pod, address, HollowNode.InternalIP(node.Index), Seconds(DateTimeOffset.UtcNow));
            await WriteAsync(ct => _client.UpdateStatusAsync(update, cancellationToken: ct), cancellationToken).ConfigureAwait(false);
            _runningPods.TryAdd(key, 0);
        }
        catch (KubernetesApiException e) when (e.IsConflict || e.IsNotFound)
        {
            // Changed or gone meanwhile: the watch brings the newer version (and requeues it) or its deletion.
        }
    }

    /// <summary>One API write, waiting for a free slot first.</summary>
    private async Task<T> WriteAsync<T>(Func<CancellationToken, Task<T>> write, CancellationToken cancellationToken)
    {
        await _writeSlots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await write(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeSlots.Release();
        }
    }

    private static DateTimeOffset Seconds(DateTimeOffset time) => DateTimeOffset.FromUnixTimeSeconds(time.ToUnixTimeSeconds());
}
