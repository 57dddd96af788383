using System.Collections.Concurrent;
using KubeSharp.Api.Core.V1;
using KubeSharp.Grpc;
using KubeSharp.Node.Cri.V1;
using Microsoft.Extensions.Logging;

namespace KubeSharp.Node.Pods;

/// <summary>
/// Keeps one <see cref="PodWorker"/> per pod uid bound to this node, feeds it the pod's updates, and relists the
/// runtime periodically: a pod whose containers changed state gets a sync, and sandboxes of pods this node no
/// longer has (deleted while the agent was down) are removed.
/// </summary>
internal sealed partial class PodWorkers(PodWorkerContext context)
{
    private readonly ConcurrentDictionary<string, PodWorker> _workers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task> _running = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _fingerprints = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private CancellationToken _stopping;

    public int Count => _workers.Count;

    public void Start(CancellationToken stopping) => _stopping = stopping;

    /// <summary>A pod bound to this node was added or changed.</summary>
    public void Update(Pod pod)
    {
        var uid = pod.Metadata?.Uid;
        if (uid is null)
        {
            return;
        }

        lock (_gate)
        {
            if (_workers.TryGetValue(uid, out var existing))
            {
                existing.Update(pod);
                return;
            }

            var worker = new PodWorker(context, pod);
            _workers[uid] = worker;
            _running[uid] = Task.Run(async () =>
            {
                try
                {
                    await worker.RunAsync(_stopping).ConfigureAwait(false);
                }
                finally
                {
                    lock (_gate)
                    {
                        _workers.TryRemove(uid, out _);
                        _running.TryRemove(uid, out _);
                    }
                }
            }, CancellationToken.None);
        }
    }

    /// <summary>A ConfigMap or Secret changed: the pods whose volumes use it rewrite them soon.</summary>
    public void SourceChanged(string kind, string? ns, string? name)
    {
        foreach (var worker in _workers.Values)
        {
            worker.SourceChanged(kind, ns, name);
        }
    }

    /// <summary>The pod object is gone: its worker tears it down.</summary>
    public void Remove(Pod pod)
    {
        if (pod.Metadata?.Uid is { } uid && _workers.TryGetValue(uid, out var worker))
        {
            worker.MarkRemoved();
        }
    }

    /// <summary>Waits for all workers to return (after the stopping token fired).</summary>
    public Task WhenAllStoppedAsync() => Task.WhenAll(_running.Values.ToArray());

    /// <summary>
    /// Relists the runtime until <paramref name="cancellationToken"/> fires. Orphans are removed only once the pod
    /// cache is complete (<paramref name="synced"/>) and never for a uid the cache holds (<paramref name="podKnown"/>).
    /// </summary>
    public async Task RelistLoopAsync(Func<bool> synced, Func<string, bool> podKnown, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(context.Options.RelistInterval, context.Time);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await RelistAsync(synced(), podKnown, cancellationToken).ConfigureAwait(false);
            }
            catch (GrpcException e)
            {
                Log.RelistFailed(context.Logger, e);
            }
        }
    }

    private async Task RelistAsync(bool removeOrphans, Func<string, bool> podKnown, CancellationToken cancellationToken)
    {
        var containers = await context.Runtime.ListContainersAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var byPod = containers
            .GroupBy(c => c.Labels.TryGetValue(CriConfigBuilder.PodUidLabel, out var uid) ? uid : "")
            .ToDictionary(g => g.Key, g => string.Join(',', g.OrderBy(c => c.Id, StringComparer.Ordinal).Select(c => $"{c.Id}:{c.State}")));
        foreach (var (uid, fingerprint) in byPod)
        {
            if (_fingerprints.GetValueOrDefault(uid) != fingerprint)
            {
                _fingerprints[uid] = fingerprint;
                if (_workers.TryGetValue(uid, out var worker))
                {
                    worker.Signal();
                }
            }
        }

        foreach (var gone in _fingerprints.Keys.Where(k => !byPod.ContainsKey(k)).ToList())
        {
            _fingerprints.Remove(gone);
            if (_workers.TryGetValue(gone, out var worker))
            {
                worker.Signal();
            }
        }

        if (!removeOrphans)
        {
            return;
        }

        var sandboxes = await context.Runtime.ListPodSandboxAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        foreach (var sandbox in sandboxes)
        {
            var uid = sandbox.Labels.TryGetValue(CriConfigBuilder.PodUidLabel, out var value) ? value : null;
            if (uid is null || _workers.ContainsKey(uid) || podKnown(uid))
            {
                continue;
            }

            Log.RemovingOrphan(context.Logger, sandbox.Metadata?.Namespace ?? "", sandbox.Metadata?.Name ?? "", uid);
            try
            {
                await RemoveSandboxAsync(sandbox, cancellationToken).ConfigureAwait(false);
            }
            catch (GrpcException e) when (e.StatusCode == StatusCode.NotFound)
            {
                // Its pod's worker finished tearing it down after the list.
            }

            PodCleanup.RemoveDirectories(context.Options, null, uid);
            PodCleanup.RemoveCgroups(context.Options.CgroupRoot, uid);
        }
    }

    /// <summary>Stops and removes every sandbox of this node (the agent stops with RemovePodsOnStop).</summary>
    public async Task RemoveAllSandboxesAsync(CancellationToken cancellationToken)
    {
        foreach (var sandbox in await context.Runtime.ListPodSandboxAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            await RemoveSandboxAsync(sandbox, cancellationToken).ConfigureAwait(false);
            if (sandbox.Labels.TryGetValue(CriConfigBuilder.PodUidLabel, out var uid))
            {
                PodCleanup.RemoveDirectories(context.Options, null, uid);
                PodCleanup.RemoveCgroups(context.Options.CgroupRoot, uid);
            }
        }
    }

    private async Task RemoveSandboxAsync(PodSandbox sandbox, CancellationToken cancellationToken)
    {
        var containers = await context.Runtime.ListContainersAsync(new ContainerFilter { PodSandboxId = sandbox.Id }, cancellationToken).ConfigureAwait(false);
        foreach (var container in containers.Where(c => c.State == Cri.V1.ContainerState.ContainerRunning))
        {
            await context.Runtime.StopContainerAsync(container.Id, TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
        }

        await context.Runtime.StopPodSandboxAsync(sandbox.Id, cancellationToken).ConfigureAwait(false);
        await context.Runtime.RemovePodSandboxAsync(sandbox.Id, cancellationToken).ConfigureAwait(false);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "relisting the container runtime failed")]
        public static partial void RelistFailed(ILogger logger, Exception e);

        [LoggerMessage(Level = LogLevel.Information, Message = "removing sandbox of pod {Namespace}/{Name} ({Uid}), which this node no longer runs")]
        public static partial void RemovingOrphan(ILogger logger, string @namespace, string name, string uid);
    }
}
