using System.Globalization;
using System.Text;
using System.Threading.Channels;
using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.Client;
using KubeSharp.Grpc;
using KubeSharp.Node.Cri.V1;
using Microsoft.Extensions.Logging;
using Container = KubeSharp.Api.Core.V1.Container;
using CriContainerState = KubeSharp.Node.Cri.V1.ContainerState;
using CriContainerStatus = KubeSharp.Node.Cri.V1.ContainerStatus;

namespace KubeSharp.Node.Pods;

/// <summary>
/// Drives one pod (by uid) towards its spec, one sync at a time: sandbox, init containers in order, containers
/// with restart back-off, status through pods/status; on deletion it stops everything within the grace period,
/// removes the sandbox and the pod's directories and finally deletes the API object (grace 0, uid precondition).
/// Each sync reads the runtime's state afresh, so a worker started after an agent restart adopts what runs.
/// </summary>
internal sealed partial class PodWorker
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    /// <summary>How often volumes with API sources are rewritten from them (the kubelet's one-minute sync period).</summary>
    private static readonly TimeSpan VolumeRefreshInterval = TimeSpan.FromMinutes(1);

    private readonly PodWorkerContext _context;
    private readonly ILogger _logger;
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly RestartBackoff _backoff = new();
    private readonly Dictionary<string, (string Reason, string? Message)> _waiting = new(StringComparer.Ordinal);
    private readonly DateTimeOffset _firstSeen;
    private readonly HashSet<string> _backoffReported = new(StringComparer.Ordinal);
    private readonly ProbeRunner _probes;
    private Pod _pod;
    private volatile bool _removed;
    private volatile bool _refreshVolumes;
    private bool _terminal;
    private Dictionary<string, PreparedVolume>? _volumes;
    private DateTimeOffset _volumesPreparedAt;
    private string? _hostsFileFor;
    private DateTimeOffset? _wakeAt;
    private long _syncStarted;

    public PodWorker(PodWorkerContext context, Pod pod)
    {
        _context = context;
        _logger = context.Logger;
        _pod = pod;
        Uid = pod.Metadata?.Uid ?? throw new ArgumentException("pod without uid", nameof(pod));
        _firstSeen = context.Time.GetUtcNow();
        _terminal = pod.Status?.Phase is PodStatusBuilder.Succeeded or PodStatusBuilder.Failed;
        _probes = new ProbeRunner(context.Runtime, context.Time);
    }

    public string Uid { get; }

    private string PodName => $"{_pod.Metadata?.Namespace}/{_pod.Metadata?.Name}";

    private string PodDirectory => _context.PodDirectory(Uid);

    /// <summary>The CRI runtime handler of the pod's RuntimeClass ("" for the default runtime).</summary>
    private async Task<string> RuntimeHandlerAsync(Pod pod, CancellationToken cancellationToken)
    {
        if (pod.Spec?.RuntimeClassName is not { Length: > 0 } className)
        {
            return "";
        }

        var runtimeClass = await _context.Client.TryGetAsync<Api.Node.V1.RuntimeClass>(className, null, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"RuntimeClass \"{className}\" not found");
        return runtimeClass.Handler ?? "";
    }

    /// <summary>The newest state of the pod object; the worker syncs towards it.</summary>
    public void Update(Pod pod)
    {
        Volatile.Write(ref _pod, pod);
        Signal();
    }

    /// <summary>The pod object is gone (or no longer bound here): the worker tears the pod down and ends.</summary>
    public void MarkRemoved()
    {
        _removed = true;
        Signal();
    }

    /// <summary>
    /// A ConfigMap or Secret (<paramref name="kind"/>) changed: when this pod's volumes use it, they are rewritten at
    /// the next sync instead of at the periodic refresh.
    /// </summary>
    public void SourceChanged(string kind, string? ns, string? name)
    {
        var pod = Volatile.Read(ref _pod);
        if (ns != pod.Metadata?.Namespace || !PodVolumes.References(pod, kind, name))
        {
            return;
        }

        _refreshVolumes = true;
        Signal();
    }

    /// <summary>Asks for a sync soon (the runtime's state changed).</summary>
    public void Signal() => _signal.Writer.TryWrite(true);

    /// <summary>Syncs until the pod has been torn down (or <paramref name="cancellationToken"/> fires).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            TimeSpan? wait;
            try
            {
                _wakeAt = null;
                if (await SyncAsync(cancellationToken).ConfigureAwait(false))
                {
                    return;
                }

                failures = 0;
                wait = _wakeAt is { } at ? Max(at - _context.Time.GetUtcNow(), TimeSpan.FromMilliseconds(50)) : null;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed sync is retried with back-off; the worker must survive it.
            catch (Exception e)
#pragma warning restore CA1031
            {
                failures++;
                Log.SyncFailed(_logger, e, PodName, failures);
                wait = TimeSpan.FromMilliseconds(Math.Min(MaxRetryDelay.TotalMilliseconds, 500 * Math.Pow(2, Math.Min(failures - 1, 10))));
            }

            await WaitAsync(wait, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WaitAsync(TimeSpan? wait, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (wait is { } delay)
        {
            timeout.CancelAfter(delay);
        }

        try
        {
            await _signal.Reader.ReadAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The timer fired (or the agent stops: the loop checks).
        }
    }

    private void WakeAt(DateTimeOffset at)
    {
        if (_wakeAt is null || at < _wakeAt)
        {
            _wakeAt = at;
        }
    }

    /// <summary>One pass; true when the worker is finished (the pod is torn down).</summary>
    private async Task<bool> SyncAsync(CancellationToken cancellationToken)
    {
        var pod = Volatile.Read(ref _pod);
        _syncStarted = _context.Time.GetTimestamp();
        if (_removed)
        {
            await TearDownAsync(pod, TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
            return true;
        }

        if (pod.Metadata?.DeletionTimestamp is not null)
        {
            var grace = pod.Metadata.DeletionGracePeriodSeconds ?? pod.Spec?.TerminationGracePeriodSeconds ?? 30;
            await TearDownAsync(pod, TimeSpan.FromSeconds(Math.Max(0, grace)), cancellationToken).ConfigureAwait(false);
            await DeleteObjectAsync(pod, cancellationToken).ConfigureAwait(false);
            return true;
        }

        var runtime = _context.Runtime;
        var now = _context.Time.GetUtcNow();
        var sandboxes = await runtime.ListPodSandboxAsync(new PodSandboxFilter { LabelSelector = { [CriConfigBuilder.PodUidLabel] = Uid } }, cancellationToken).ConfigureAwait(false);
        Trace("sandboxes listed");
        var spec = pod.Spec ?? new PodSpec();
        var qos = PodResources.QosClass(spec);
        var cgroupParent = PodResources.CgroupParent(_context.Options.CgroupRoot, qos, Uid);
        var logDirectory = CriConfigBuilder.LogDirectory(_context.Options.LogsDirectory, pod);
        var dns = DnsSettings.For(pod, _context.Options.ClusterDns, _context.Options.ClusterDomain);

        var current = sandboxes.Where(s => s.State == PodSandboxState.SandboxReady).MaxBy(s => s.CreatedAt);
        if (_terminal)
        {
            foreach (var sandbox in sandboxes.Where(s => s.State == PodSandboxState.SandboxReady))
            {
                await runtime.StopPodSandboxAsync(sandbox.Id, cancellationToken).ConfigureAwait(false);
            }

            var finalView = await ReadViewAsync(pod, sandboxReady: false, podIP: null, now, cancellationToken).ConfigureAwait(false);
            await PostStatusAsync(pod, finalView, now, cancellationToken).ConfigureAwait(false);
            return false;
        }

        PodSandboxConfig sandboxConfig;
        PodSandboxStatusResponse? newSandboxStatus = null;
        if (current is null)
        {
            foreach (var dead in sandboxes)
            {
                await runtime.StopPodSandboxAsync(dead.Id, cancellationToken).ConfigureAwait(false);
            }

            var attempt = sandboxes.Count == 0 ? 0u : sandboxes.Max(s => s.Metadata?.Attempt ?? 0) + 1;
            try
            {
                _volumes = await PodVolumes.PrepareAsync(pod, PodDirectory, _context.Objects, _context.HostIP, null, _context.NodeAllocatable, cancellationToken).ConfigureAwait(false);
                Trace("volumes prepared");
                _volumesPreparedAt = now;
            }
            catch (PodConfigException e)
            {
                // The kubelet keeps such a pod in ContainerCreating (and reports FailedMount).
                var waitingView = await ReadViewAsync(pod, sandboxReady: false, podIP: null, now, cancellationToken).ConfigureAwait(false);
                await PostStatusAsync(pod, waitingView, now, cancellationToken).ConfigureAwait(false);
                throw new InvalidOperationException($"volumes of {PodName}: {e.Message}", e);
            }

            Directory.CreateDirectory(logDirectory);
            sandboxConfig = CriConfigBuilder.Sandbox(pod, attempt, logDirectory, cgroupParent, dns);
            // The pending status (ContainerCreating) is written while the sandbox starts, not before: the sandbox
            // is the slow step and does not depend on it. Both are awaited so neither failure goes unobserved.
            var pendingStatus = WritePendingStatusAsync(pod, now, cancellationToken);
            var runtimeHandler = await RuntimeHandlerAsync(pod, cancellationToken).ConfigureAwait(false);
            var sandboxRun = runtime.RunPodSandboxAsync(sandboxConfig, runtimeHandler, cancellationToken);
            await Task.WhenAll(pendingStatus, sandboxRun).ConfigureAwait(false);
            var id = await sandboxRun.ConfigureAwait(false);
            Trace("sandbox run, pending status written");
            Log.SandboxStarted(_logger, PodName, id);
            newSandboxStatus = await runtime.PodSandboxStatusAsync(id, cancellationToken: cancellationToken).ConfigureAwait(false);
            var status = newSandboxStatus.Status;
            current = new PodSandbox { Id = id, Metadata = status.Metadata, State = status.State, CreatedAt = status.CreatedAt };
        }
        else
        {
            sandboxConfig = CriConfigBuilder.Sandbox(pod, current.Metadata?.Attempt ?? 0, logDirectory, cgroupParent, dns);
            if (_volumes is null || now - _volumesPreparedAt >= VolumeRefreshInterval || _refreshVolumes)
            {
                _refreshVolumes = false;
                // The kubelet's periodic sync: configMap, secret, downwardAPI and projected volumes follow their sources.
                try
                {
                    _volumes = await PodVolumes.PrepareAsync(pod, PodDirectory, _context.Objects, _context.HostIP, null, _context.NodeAllocatable, cancellationToken).ConfigureAwait(false);
                }
                catch (PodConfigException) when (_volumes is not null)
                {
                    // A source went away: running containers keep the last content, as with the kubelet.
                }

                _volumesPreparedAt = now;
            }
        }

        if (spec.Volumes?.Any(v => v.ConfigMap is not null || v.Secret is not null || v.Projected is not null || v.DownwardAPI is not null) == true)
        {
            WakeAt(_volumesPreparedAt + VolumeRefreshInterval);
        }

        var sandboxStatus = newSandboxStatus ?? await runtime.PodSandboxStatusAsync(current.Id, cancellationToken: cancellationToken).ConfigureAwait(false);
        Trace("sandbox status read");
        var podIP = spec.HostNetwork == true ? _context.HostIP : NullIfEmpty(sandboxStatus.Status.Network?.Ip);
        if (spec.HostNetwork != true && podIP is not null && _hostsFileFor != podIP)
        {
            await WriteHostsFileAsync(pod, podIP, cancellationToken).ConfigureAwait(false);
            Trace("hosts file written");
            _hostsFileFor = podIP;
        }

        // A pod that never had a sandbox on this node has no containers yet: its first sync skips the listing.
        var instances = sandboxes.Count == 0 ? [] : await ListInstancesAsync(cancellationToken).ConfigureAwait(false);
        Trace("instances listed");
        var start = new ContainerStart(current.Id, sandboxConfig, podIP, qos);
        var restartPolicy = spec.RestartPolicy ?? "Always";

        // Init containers, one at a time and in order. A native sidecar (restartPolicy: Always) counts as done once
        // it runs and passed its startup probe; it keeps running (and is restarted) beside the regular containers.
        var initialized = true;
        var regularStarted = (spec.Containers ?? []).Any(c => Latest(instances, c.Name ?? "") is not null);
        foreach (var container in spec.InitContainers ?? [])
        {
            var name = container.Name ?? "";
            var latest = Latest(instances, name);
            if (latest is null)
            {
                await StartContainerAsync(pod, container, 0, start, cancellationToken).ConfigureAwait(false);
                initialized = false;
                break;
            }

            if (IsSidecar(container))
            {
                if (latest.State == CriContainerState.ContainerRunning)
                {
                    _waiting.Remove(name);
                    await RestartIfUnhealthyAsync(pod, container, latest, podIP, cancellationToken).ConfigureAwait(false);
                    if (_probes.IsStarted(container, latest))
                    {
                        continue;
                    }
                }
                else if (latest.State == CriContainerState.ContainerCreated)
                {
                    await runtime.StartContainerAsync(latest.Id, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await RestartWithBackoffAsync(pod, container, latest, instances, start, now, cancellationToken).ConfigureAwait(false);
                    if (regularStarted)
                    {
                        // Restarting a sidecar does not hold back containers that already run.
                        continue;
                    }
                }

                initialized = false;
                break;
            }

            if (latest.State is CriContainerState.ContainerRunning or CriContainerState.ContainerCreated)
            {
                _waiting.Remove(name);
                initialized = false;
                break;
            }

            if (latest.ExitCode == 0)
            {
                _waiting.Remove(name);
                continue;
            }

            initialized = false;
            if (restartPolicy != "Never")
            {
                await RestartWithBackoffAsync(pod, container, latest, instances, start, now, cancellationToken).ConfigureAwait(false);
            }

            break;
        }

        foreach (var container in spec.Containers ?? [])
        {
            var name = container.Name ?? "";
            var latest = Latest(instances, name);
            if (!initialized)
            {
                if (latest is null)
                {
                    _waiting[name] = ("PodInitializing", null);
                }

                continue;
            }

            if (latest is null)
            {
                await StartContainerAsync(pod, container, 0, start, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (latest.State == CriContainerState.ContainerRunning)
            {
                _waiting.Remove(name);
                await RestartIfUnhealthyAsync(pod, container, latest, podIP, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (latest.State == CriContainerState.ContainerCreated)
            {
                // Created by an earlier sync that did not get to start it.
                await runtime.StartContainerAsync(latest.Id, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var restart = restartPolicy == "Always" || (restartPolicy == "OnFailure" && latest.ExitCode != 0);
            if (restart)
            {
                await RestartWithBackoffAsync(pod, container, latest, instances, start, now, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                _waiting.Remove(name);
            }
        }

        // Ephemeral containers (kubectl debug) start once the pod's containers run, and are never restarted.
        if (initialized)
        {
            foreach (var ephemeral in EphemeralContainers(spec))
            {
                if (Latest(instances, ephemeral.Container.Name ?? "") is null)
                {
                    var target = ephemeral.Target is { } targetName ? Latest(instances, targetName) : null;
                    await StartContainerAsync(pod, ephemeral.Container, 0, start with { PidTargetId = target?.Id }, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        instances = await ListInstancesAsync(cancellationToken).ConfigureAwait(false);
        Trace("containers listed");
        var view = BuildView(pod, instances, sandboxReady: true, podIP, now);
        var posted = await PostStatusAsync(pod, view, now, cancellationToken).ConfigureAwait(false);
        Trace("status written");
        if (posted.Phase is PodStatusBuilder.Succeeded or PodStatusBuilder.Failed)
        {
            // A pod that has finished for good releases its network and is never started again.
            _terminal = true;
            await runtime.StopPodSandboxAsync(current.Id, cancellationToken).ConfigureAwait(false);
        }
        else if (_probes.NextProbeAt is { } nextProbe)
        {
            WakeAt(nextProbe);
        }

        return false;
    }

    /// <summary>An init container with restartPolicy Always: a native sidecar (Kubernetes 1.29+).</summary>
    internal static bool IsSidecar(Container container) => container.RestartPolicy == "Always";

    /// <summary>Runs the container's due probes and stops it (to be restarted) when its startup or liveness probe failed.</summary>
    private async Task RestartIfUnhealthyAsync(Pod pod, Container container, CriContainerStatus latest, string? podIP, CancellationToken cancellationToken)
    {
        if (!await _probes.LivenessFailedAsync(pod, container, latest, podIP, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var name = container.Name ?? "";
        Log.LivenessFailed(_logger, PodName, name);
        var started = _probes.IsStarted(container, latest);
        var probe = started ? "liveness" : "startup";
        Event(pod, name, PodEventRecorder.Warning, "Unhealthy", started ? "Liveness probe failed" : "Startup probe failed");
        Event(pod, name, PodEventRecorder.Normal, "Killing", $"Container {name} failed {probe} probe, will be restarted");
        var grace = (started ? container.LivenessProbe : container.StartupProbe)?.TerminationGracePeriodSeconds ?? pod.Spec?.TerminationGracePeriodSeconds ?? 30;
        await _context.Runtime.StopContainerAsync(latest.Id, TimeSpan.FromSeconds(grace), cancellationToken).ConfigureAwait(false);
        Signal();
    }

    /// <param name="PidTargetId">For an ephemeral container with a target: the runtime id of the container whose process namespace it joins.</param>
    private sealed record ContainerStart(string SandboxId, PodSandboxConfig SandboxConfig, string? PodIP, string QosClass, string? PidTargetId = null);

    /// <summary>The pod's ephemeral containers as containers (the fields they share), with the name of each one's target.</summary>
    internal static IEnumerable<(Container Container, string? Target)> EphemeralContainers(PodSpec spec) =>
        (spec.EphemeralContainers ?? []).Select(e => (
            System.Text.Json.JsonSerializer.Deserialize<Container>(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(e, KubeSharp.Api.KubeJson.Options), KubeSharp.Api.KubeJson.Options)!,
            e.TargetContainerName is { Length: > 0 } target ? target : null));

    private async Task RestartWithBackoffAsync(Pod pod, Container container, CriContainerStatus latest, List<CriContainerStatus> instances, ContainerStart start, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var name = container.Name ?? "";
        var finishedAt = DateTimeOffset.FromUnixTimeMilliseconds(latest.FinishedAt / 1_000_000);
        if (_backoff.InBackoff(name, finishedAt, now, out var until, out var delay))
        {
            _waiting[name] = ("CrashLoopBackOff", $"back-off {GoDuration.Format(delay)} restarting failed container={name} pod={pod.Metadata?.Name}_{pod.Metadata?.Namespace}({Uid})");
            if (_backoffReported.Add($"{name}/{latest.Id}"))
            {
                Event(pod, name, PodEventRecorder.Warning, "BackOff", $"Back-off restarting failed container {name} in pod {pod.Metadata?.Name}_{pod.Metadata?.Namespace}({Uid})");
            }

            WakeAt(until);
            return;
        }

        _backoff.Next(name, now);
        // Only the instance that just ended is kept (it is the lastState of the next one).
        foreach (var old in instances.Where(i => i.Metadata?.Name == name && i.Id != latest.Id && i.State != CriContainerState.ContainerRunning))
        {
            await _context.Runtime.RemoveContainerAsync(old.Id, cancellationToken).ConfigureAwait(false);
        }

        await StartContainerAsync(pod, container, (latest.Metadata?.Attempt ?? 0) + 1, start, cancellationToken).ConfigureAwait(false);
    }

    private async Task StartContainerAsync(Pod pod, Container container, uint attempt, ContainerStart start, CancellationToken cancellationToken)
    {
        var name = container.Name ?? "";
        var imageRef = await EnsureImageAsync(pod, container, start, cancellationToken).ConfigureAwait(false);
        Trace("image of " + name + " ensured");
        if (imageRef is null)
        {
            return;
        }

        ContainerConfig config;
        try
        {
            var environment = await PodEnvironment.BuildAsync(
                pod, container, _context.Objects, _context.HostIP, start.PodIP, _context.NodeAllocatable, cancellationToken,
                ServiceEnvironment.For(pod, _context.Services())).ConfigureAwait(false);
            var mounts = Mounts(pod, container, attempt);
            var resources = PodResources.ContainerResources(container, start.QosClass, _context.NodeMemoryBytes);
            config = CriConfigBuilder.Container(pod, container, attempt, imageRef, environment, mounts, resources);
            if (start.PidTargetId is { } targetId && config.Linux.SecurityContext.NamespaceOptions is { Pid: NamespaceMode.Container } namespaces)
            {
                namespaces.Pid = NamespaceMode.Target;
                namespaces.TargetId = targetId;
            }
        }
        catch (PodConfigException e)
        {
            _waiting[name] = ("CreateContainerConfigError", e.Message);
            Event(pod, name, PodEventRecorder.Warning, "Failed", "Error: " + e.Message);
            WakeAt(_context.Time.GetUtcNow() + TimeSpan.FromSeconds(10));
            return;
        }

        Directory.CreateDirectory(Path.Combine(start.SandboxConfig.LogDirectory, name));
        string id;
        try
        {
            Trace("config of " + name + " built");
            id = await _context.Runtime.CreateContainerAsync(start.SandboxId, config, start.SandboxConfig, cancellationToken).ConfigureAwait(false);
            Trace("container " + name + " created");
        }
        catch (GrpcException e)
        {
            _waiting[name] = ("CreateContainerError", e.Message);
            Event(pod, name, PodEventRecorder.Warning, "Failed", "Error: " + e.Message);
            WakeAt(_context.Time.GetUtcNow() + TimeSpan.FromSeconds(10));
            return;
        }

        _waiting.Remove(name);
        Event(pod, name, PodEventRecorder.Normal, "Created", "Created container: " + name);
        try
        {
            await _context.Runtime.StartContainerAsync(id, cancellationToken).ConfigureAwait(false);
            Trace("container " + name + " started");
            Log.ContainerStarted(_logger, PodName, name, attempt);
            Event(pod, name, PodEventRecorder.Normal, "Started", "Started container " + name);
        }
        catch (GrpcException e)
        {
            Event(pod, name, PodEventRecorder.Warning, "Failed", "Error: " + e.Message);
            // The runtime records the failed start as an exited container (reason StartError); the restart logic takes over.
            Log.StartFailed(_logger, PodName, name, e.Message);
        }

        _probes.ContainerStarted(name);
    }

    /// <summary>The image to run (its id), pulled per imagePullPolicy; null (and a waiting reason) when it cannot be had yet.</summary>
    private async Task<string?> EnsureImageAsync(Pod pod, Container container, ContainerStart start, CancellationToken cancellationToken)
    {
        var name = container.Name ?? "";
        var image = container.Image ?? "";
        var policy = container.ImagePullPolicy ?? DefaultPullPolicy(image);
        var key = "image/" + name;
        var now = _context.Time.GetUtcNow();
        if (_backoff.LastUpdate(key) is { } failedAt && _backoff.InBackoff(key, failedAt, now, out var until, out _))
        {
            _waiting[name] = ("ImagePullBackOff", $"Back-off pulling image \"{image}\"");
            Event(pod, name, PodEventRecorder.Normal, "BackOff", $"Back-off pulling image \"{image}\"");
            Event(pod, name, PodEventRecorder.Warning, "Failed", "Error: ImagePullBackOff");
            WakeAt(until);
            return null;
        }

        var present = await _context.Images.ImageStatusAsync(image, cancellationToken).ConfigureAwait(false);
        if (policy == "Never")
        {
            if (present is null)
            {
                _waiting[name] = ("ErrImageNeverPull", $"Container image \"{image}\" is not present with pull policy of Never");
                Event(pod, name, PodEventRecorder.Warning, "ErrImageNeverPull", $"Container image \"{image}\" is not present with pull policy of Never");
                WakeAt(now + TimeSpan.FromSeconds(10));
            }

            if (present is not null)
            {
                Event(pod, name, PodEventRecorder.Normal, "Pulled", $"Container image \"{image}\" already present on machine");
            }

            return present?.Id;
        }

        if (policy == "IfNotPresent" && present is not null)
        {
            Event(pod, name, PodEventRecorder.Normal, "Pulled", $"Container image \"{image}\" already present on machine");
            return present.Id;
        }

        Event(pod, name, PodEventRecorder.Normal, "Pulling", $"Pulling image \"{image}\"");
        var pullStarted = _context.Time.GetTimestamp();
        try
        {
            var reference = await PullAsync(pod, image, start.SandboxConfig, cancellationToken).ConfigureAwait(false);
            _backoff.Reset(key);
            var took = PodEventRecorder.Seconds(_context.Time.GetElapsedTime(pullStarted));
            var size = (await _context.Images.ImageStatusAsync(reference, cancellationToken).ConfigureAwait(false))?.Size ?? 0;
            Event(pod, name, PodEventRecorder.Normal, "Pulled", $"Successfully pulled image \"{image}\" in {took} ({took} including waiting). Image size: {size} bytes.");
            return reference;
        }
        catch (GrpcException e) when (present is not null && ImagePullFailure.RegistryUnreachable(e))
        {
            // Offline clusters: no registry answers, but the image is here; run it (the kubelet would fail).
            if (_context.OfflineImagesReported.TryAdd(image, true))
            {
                Log.PullFailedUsingLocal(_logger, image, e.Message);
            }

            Event(pod, name, PodEventRecorder.Warning, "PulledOffline", $"No registry reachable for image \"{image}\" ({ImagePullFailure.Message(e)}); running the copy present on the node");
            return present.Id;
        }
        catch (GrpcException e)
        {
            var message = ImagePullFailure.Message(e);
            _backoff.Next(key, now);
            _waiting[name] = ("ErrImagePull", message);
            Event(pod, name, PodEventRecorder.Warning, "Failed", $"Failed to pull image \"{image}\": {message}");
            Event(pod, name, PodEventRecorder.Warning, "Failed", "Error: ErrImagePull");
            _backoff.InBackoff(key, now, now, out var retryAt, out _);
            WakeAt(retryAt);
            return null;
        }
    }

    /// <summary>CRI PullImage with each matching imagePullSecrets credential in turn (anonymously when none match); the last failure is thrown.</summary>
    private async Task<string> PullAsync(Pod pod, string image, PodSandboxConfig sandboxConfig, CancellationToken cancellationToken)
    {
        var credentials = await ImagePullCredentials.ForImageAsync(pod, image, _context.Objects, cancellationToken).ConfigureAwait(false);
        if (credentials.Count == 0)
        {
            return await _context.Images.PullImageAsync(image, sandboxConfig: sandboxConfig, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        GrpcException? last = null;
        foreach (var auth in credentials)
        {
            try
            {
                return await _context.Images.PullImageAsync(image, auth, sandboxConfig, cancellationToken).ConfigureAwait(false);
            }
            catch (GrpcException e)
            {
                last = e;
            }
        }

        throw last!;
    }

    // The API server's defaulting: Always for :latest or untagged images, else IfNotPresent.
    private static string DefaultPullPolicy(string image)
    {
        if (image.Contains('@', StringComparison.Ordinal))
        {
            return "IfNotPresent";
        }

        var lastSlash = image.LastIndexOf('/');
        var colon = image.IndexOf(':', lastSlash + 1);
        return colon < 0 || image[(colon + 1)..] == "latest" ? "Always" : "IfNotPresent";
    }

    private List<Mount> Mounts(Pod pod, Container container, uint attempt)
    {
        var volumes = _volumes ?? [];
        var mounts = new List<Mount>();
        foreach (var volumeMount in container.VolumeMounts ?? [])
        {
            if (!volumes.TryGetValue(volumeMount.Name ?? "", out var volume))
            {
                throw new PodConfigException($"cannot find volume \"{volumeMount.Name}\" to mount into container \"{container.Name}\"");
            }

            var hostPath = volume.HostPath;
            if (!string.IsNullOrEmpty(volumeMount.SubPath))
            {
                hostPath = Path.GetFullPath(Path.Combine(hostPath, volumeMount.SubPath));
                if (!hostPath.StartsWith(volume.HostPath, StringComparison.Ordinal))
                {
                    throw new PodConfigException($"subPath {volumeMount.SubPath} leaves volume {volumeMount.Name}");
                }

                if (!File.Exists(hostPath))
                {
                    Directory.CreateDirectory(hostPath);
                }
            }

            mounts.Add(new Mount
            {
                ContainerPath = volumeMount.MountPath ?? "",
                HostPath = hostPath,
                Readonly = volumeMount.ReadOnly == true || volume.ReadOnly,
                Propagation = volumeMount.MountPropagation switch
                {
                    "HostToContainer" => MountPropagation.PropagationHostToContainer,
                    "Bidirectional" => MountPropagation.PropagationBidirectional,
                    _ => MountPropagation.PropagationPrivate,
                },
            });
        }

        if (pod.Spec?.HostNetwork != true && mounts.All(m => m.ContainerPath != "/etc/hosts") && File.Exists(HostsFilePath))
        {
            mounts.Add(new Mount { ContainerPath = "/etc/hosts", HostPath = HostsFilePath });
        }

        var terminationPath = container.TerminationMessagePath ?? CriConfigBuilder.DefaultTerminationMessagePath;
        if (terminationPath.Length > 0 && mounts.All(m => m.ContainerPath != terminationPath))
        {
            var file = TerminationMessageFile(container.Name ?? "", attempt);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllBytes(file, []);
            File.SetUnixFileMode(file, (UnixFileMode)0b110_110_110);
            mounts.Add(new Mount { ContainerPath = terminationPath, HostPath = file });
        }

        return mounts;
    }

    private string HostsFilePath => Path.Combine(PodDirectory, "etc-hosts");

    private string TerminationMessageFile(string container, uint attempt) =>
        Path.Combine(PodDirectory, "containers", container, attempt.ToString(CultureInfo.InvariantCulture));

    private async Task WriteHostsFileAsync(Pod pod, string podIP, CancellationToken cancellationToken)
    {
        var hosts = new StringBuilder()
            .Append("# Kubernetes-managed hosts file.\n")
            .Append("127.0.0.1\tlocalhost\n")
            .Append("::1\tlocalhost ip6-localhost ip6-loopback\n")
            .Append("fe00::0\tip6-localnet\n")
            .Append("fe00::0\tip6-mcastprefix\n")
            .Append("fe00::1\tip6-allnodes\n")
            .Append("fe00::2\tip6-allrouters\n");
        var hostname = CriConfigBuilder.Hostname(pod);
        if (pod.Spec?.Subdomain is { Length: > 0 } subdomain)
        {
            hosts.Append(CultureInfo.InvariantCulture, $"{podIP}\t{hostname}.{subdomain}.{pod.Metadata?.Namespace}.svc.{_context.Options.ClusterDomain}\t{hostname}\n");
        }
        else
        {
            hosts.Append(CultureInfo.InvariantCulture, $"{podIP}\t{hostname}\n");
        }

        if (pod.Spec?.HostAliases is { Count: > 0 } aliases)
        {
            hosts.Append("\n# Entries added by HostAliases.\n");
            foreach (var alias in aliases)
            {
                hosts.Append(CultureInfo.InvariantCulture, $"{alias.Ip}\t{string.Join('\t', alias.Hostnames ?? [])}\n");
            }
        }

        Directory.CreateDirectory(PodDirectory);
        await File.WriteAllTextAsync(HostsFilePath, hosts.ToString(), cancellationToken).ConfigureAwait(false);
        File.SetUnixFileMode(HostsFilePath, (UnixFileMode)0b110_100_100);
    }

    /// <summary>Every container instance of this pod (all sandboxes) with its full status.</summary>
    private async Task<List<CriContainerStatus>> ListInstancesAsync(CancellationToken cancellationToken)
    {
        var containers = await _context.Runtime.ListContainersAsync(new ContainerFilter { LabelSelector = { [CriConfigBuilder.PodUidLabel] = Uid } }, cancellationToken).ConfigureAwait(false);
        var statuses = new List<CriContainerStatus>(containers.Count);
        foreach (var container in containers)
        {
            try
            {
                var response = await _context.Runtime.ContainerStatusAsync(container.Id, cancellationToken: cancellationToken).ConfigureAwait(false);
                statuses.Add(response.Status);
            }
            catch (GrpcException e) when (e.StatusCode == StatusCode.NotFound)
            {
                // Removed in between.
            }
        }

        return statuses;
    }

    private static CriContainerStatus? Latest(List<CriContainerStatus> instances, string name) =>
        instances.Where(i => i.Metadata?.Name == name).OrderByDescending(i => i.Metadata?.Attempt ?? 0).ThenByDescending(i => i.CreatedAt).FirstOrDefault();

    private static CriContainerStatus? Previous(List<CriContainerStatus> instances, string name) =>
        instances.Where(i => i.Metadata?.Name == name).OrderByDescending(i => i.Metadata?.Attempt ?? 0).ThenByDescending(i => i.CreatedAt).Skip(1).FirstOrDefault();

    private async Task<PodView> ReadViewAsync(Pod pod, bool sandboxReady, string? podIP, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var instances = await ListInstancesAsync(cancellationToken).ConfigureAwait(false);
        return BuildView(pod, instances, sandboxReady, podIP, now);
    }

    private PodView BuildView(Pod pod, List<CriContainerStatus> instances, bool sandboxReady, string? podIP, DateTimeOffset now)
    {
        Dictionary<string, ContainerView> Views(IEnumerable<Container> containers) => containers.ToDictionary(
            c => c.Name ?? "",
            c =>
            {
                var name = c.Name ?? "";
                var latest = Latest(instances, name);
                var ready = latest?.State == CriContainerState.ContainerRunning && _probes.IsReady(c, latest);
                string? message = null;
                if (latest?.State == CriContainerState.ContainerExited)
                {
                    message = ReadTerminationMessage(c, latest);
                }

                var started = latest?.State == CriContainerState.ContainerRunning && _probes.IsStarted(c, latest);
                return new ContainerView(latest, Previous(instances, name), _waiting.TryGetValue(name, out var w) ? w : null, ready, message, started);
            },
            StringComparer.Ordinal);

        return new PodView(
            sandboxReady,
            podIP,
            _context.HostIP,
            _firstSeen,
            Views(pod.Spec?.InitContainers ?? []),
            Views(pod.Spec?.Containers ?? []),
            Views(EphemeralContainers(pod.Spec ?? new PodSpec()).Select(e => e.Container)));
    }

    private string? ReadTerminationMessage(Container container, CriContainerStatus latest)
    {
        const int MaxBytes = 4096;
        try
        {
            var file = TerminationMessageFile(container.Name ?? "", latest.Metadata?.Attempt ?? 0);
            if (File.Exists(file))
            {
                var bytes = File.ReadAllBytes(file);
                if (bytes.Length > 0)
                {
                    return Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, MaxBytes));
                }
            }

            if (container.TerminationMessagePolicy == "FallbackToLogsOnError" && latest.ExitCode != 0 && File.Exists(latest.LogPath))
            {
                // The log's last lines, without the CRI timestamp/stream/tag prefix.
                var lines = File.ReadLines(latest.LogPath).TakeLast(80).Select(l => l.Split(' ', 4) is { Length: 4 } parts ? parts[3] : l);
                var text = string.Join('\n', lines);
                return text.Length > 2048 ? text[^2048..] : text;
            }
        }
        catch (IOException)
        {
        }

        return null;
    }

    private async Task WritePendingStatusAsync(Pod pod, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var view = await ReadViewAsync(pod, sandboxReady: false, podIP: null, now, cancellationToken).ConfigureAwait(false);
        await PostStatusAsync(pod, view, now, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes the status if it differs from the stored one; returns the status as computed. It is written over the
    /// newest version of the pod the worker knows (its own earlier write in this sync included), so a sync that
    /// writes twice does not conflict with itself.
    /// </summary>
    private async Task<PodStatus> PostStatusAsync(Pod pod, PodView view, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _pod) is { Metadata.DeletionTimestamp: null } latest && latest.Metadata.Uid == Uid)
        {
            pod = latest;
        }

        for (var attempt = 0; ; attempt++)
        {
            var status = PodStatusBuilder.Build(pod, view, now);
            if (KubeJson.Serialize(status) == KubeJson.Serialize(pod.Status))
            {
                return status;
            }

            var update = new Pod { ApiVersion = "v1", Kind = "Pod", Metadata = pod.Metadata, Spec = pod.Spec, Status = status };
            try
            {
                var stored = await _context.Client.UpdateStatusAsync(update, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (stored.Metadata?.Uid == Uid && Volatile.Read(ref _pod).Metadata?.DeletionTimestamp is null)
                {
                    Interlocked.CompareExchange(ref _pod, stored, pod);
                }

                return status;
            }
            catch (KubernetesApiException e) when (e.IsConflict && attempt < 5)
            {
                pod = await _context.Client.GetAsync<Pod>(pod.Metadata?.Name ?? "", pod.Metadata?.Namespace, cancellationToken).ConfigureAwait(false);
                if (pod.Metadata?.Uid != Uid)
                {
                    return status;
                }
            }
            catch (KubernetesApiException e) when (e.IsNotFound)
            {
                return status;
            }
        }
    }

    /// <summary>Stops the pod's containers within <paramref name="grace"/> (preStop hooks first), removes its sandboxes, directories and cgroups.</summary>
    private async Task TearDownAsync(Pod pod, TimeSpan grace, CancellationToken cancellationToken)
    {
        var runtime = _context.Runtime;
        var containers = await runtime.ListContainersAsync(new ContainerFilter { LabelSelector = { [CriConfigBuilder.PodUidLabel] = Uid } }, cancellationToken).ConfigureAwait(false);
        var specs = (pod.Spec?.Containers ?? []).Concat(pod.Spec?.InitContainers ?? []).ToDictionary(c => c.Name ?? "", StringComparer.Ordinal);
        var deadline = _context.Time.GetUtcNow() + grace;
        var running = containers.Where(c => c.State == CriContainerState.ContainerRunning).ToList();

        // Regular containers first, all at once; then native sidecars one by one in reverse order (Kubernetes 1.29+),
        // each with what is left of the grace period but at least the kubelet's minimum of 2 s.
        var sidecars = (pod.Spec?.InitContainers ?? []).Where(IsSidecar).Select(c => c.Name ?? "").ToList();
        await Task.WhenAll(running.Where(c => !sidecars.Contains(c.Metadata?.Name ?? "")).Select(c => StopAsync(c, TimeSpan.Zero))).ConfigureAwait(false);
        foreach (var sidecar in Enumerable.Reverse(sidecars))
        {
            await Task.WhenAll(running.Where(c => c.Metadata?.Name == sidecar).Select(c => StopAsync(c, TimeSpan.FromSeconds(2)))).ConfigureAwait(false);
        }

        async Task StopAsync(Cri.V1.Container c, TimeSpan minimumGrace)
        {
            Event(pod, c.Metadata?.Name, PodEventRecorder.Normal, "Killing", $"Stopping container {c.Metadata?.Name}");
            var remaining = Max(deadline - _context.Time.GetUtcNow(), minimumGrace);
            var hookStarted = _context.Time.GetUtcNow();
            if (specs.TryGetValue(c.Metadata?.Name ?? "", out var spec) && spec.Lifecycle?.PreStop?.Exec?.Command is { Count: > 0 } preStop)
            {
                try
                {
                    await runtime.ExecSyncAsync(c.Id, preStop, remaining, cancellationToken).ConfigureAwait(false);
                }
                catch (GrpcException e)
                {
                    Log.PreStopFailed(_logger, PodName, c.Metadata?.Name ?? "", e.Message);
                }
            }

            remaining = Max(remaining - (_context.Time.GetUtcNow() - hookStarted), TimeSpan.Zero);
            try
            {
                await runtime.StopContainerAsync(c.Id, remaining, cancellationToken).ConfigureAwait(false);
            }
            catch (GrpcException e) when (e.StatusCode == StatusCode.NotFound)
            {
            }
        }

        var sandboxes = await runtime.ListPodSandboxAsync(new PodSandboxFilter { LabelSelector = { [CriConfigBuilder.PodUidLabel] = Uid } }, cancellationToken).ConfigureAwait(false);
        foreach (var sandbox in sandboxes)
        {
            await runtime.StopPodSandboxAsync(sandbox.Id, cancellationToken).ConfigureAwait(false);
            await runtime.RemovePodSandboxAsync(sandbox.Id, cancellationToken).ConfigureAwait(false);
        }

        PodCleanup.RemoveDirectories(_context.Options, pod, Uid);
        PodCleanup.RemoveCgroups(_context.Options.CgroupRoot, Uid);
        Log.TornDown(_logger, PodName);
    }

    private async Task DeleteObjectAsync(Pod pod, CancellationToken cancellationToken)
    {
        try
        {
            await _context.Client.DeleteAsync<Pod>(
                pod.Metadata?.Name ?? "",
                pod.Metadata?.Namespace,
                new DeleteOptions { GracePeriodSeconds = 0, Preconditions = new Preconditions { Uid = Uid } },
                cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException e) when (e.IsNotFound || e.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
            // Already gone, or the name now belongs to a different pod.
        }
    }

    private void Event(Pod pod, string? container, string type, string reason, string message) =>
        _context.Events.Record(pod, container, container is not null && (pod.Spec?.InitContainers ?? []).Any(c => c.Name == container), type, reason, message);

    /// <summary>A debug trace of where a sync's time goes: the step just done and the time since the sync began.</summary>
    private void Trace(string step)
    {
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            Log.SyncStep(_logger, PodName, step, _context.Time.GetElapsedTime(_syncStarted).TotalMilliseconds);
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "sync of pod {Pod} failed (attempt {Attempt})")]
        public static partial void SyncFailed(ILogger logger, Exception e, string pod, int attempt);

        [LoggerMessage(Level = LogLevel.Information, Message = "pod {Pod}: sandbox {Sandbox} started")]
        public static partial void SandboxStarted(ILogger logger, string pod, string sandbox);

        [LoggerMessage(Level = LogLevel.Information, Message = "pod {Pod}: container {Container} started (restart {Attempt})")]
        public static partial void ContainerStarted(ILogger logger, string pod, string container, uint attempt);

        [LoggerMessage(Level = LogLevel.Warning, Message = "pod {Pod}: container {Container} failed to start: {Error}")]
        public static partial void StartFailed(ILogger logger, string pod, string container, string error);

        [LoggerMessage(Level = LogLevel.Warning, Message = "pulling {Image} failed ({Error}); running the local copy")]
        public static partial void PullFailedUsingLocal(ILogger logger, string image, string error);

        [LoggerMessage(Level = LogLevel.Information, Message = "pod {Pod}: container {Container} failed its liveness probe and is restarted")]
        public static partial void LivenessFailed(ILogger logger, string pod, string container);

        [LoggerMessage(Level = LogLevel.Warning, Message = "pod {Pod}: preStop hook of {Container} failed: {Error}")]
        public static partial void PreStopFailed(ILogger logger, string pod, string container, string error);

        [LoggerMessage(Level = LogLevel.Debug, Message = "pod {Pod}: {Step} at {Milliseconds:F1} ms into the sync")]
        public static partial void SyncStep(ILogger logger, string pod, string step, double milliseconds);

        [LoggerMessage(Level = LogLevel.Information, Message = "pod {Pod}: torn down")]
        public static partial void TornDown(ILogger logger, string pod);
    }
}
