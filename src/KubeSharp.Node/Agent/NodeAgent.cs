using System.Globalization;
using KubeSharp.Api.Core.V1;
using KubeSharp.Client;
using KubeSharp.Client.Configuration;
using KubeSharp.Client.Informers;
using KubeSharp.Networking.Proxy;
using KubeSharp.Node.Cni;
using KubeSharp.Node.Containerd;
using KubeSharp.Node.Kubelet;
using KubeSharp.Node.Pods;
using KubeSharp.Node.Stats;
using Microsoft.Extensions.Logging;

namespace KubeSharp.Node.Agent;

/// <summary>
/// The node agent (KubeSharp's kubelet): runs a private containerd, imports the image archives it finds,
/// registers the Node and keeps its status and Lease fresh, and runs the pods bound to the node.
/// </summary>
public sealed partial class NodeAgent : IAsyncDisposable
{
    private readonly NodeAgentOptions _options;
    private readonly KubernetesClient _client;
    private readonly bool _ownsClient;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private ContainerdSupervisor? _containerd;
    private CniNetwork? _network;
    private PodWorkers? _workers;
    private Informer<Pod>? _informer;
    private KubeletServer? _kubelet;
    private ServiceProxy? _proxy;
    private bool _stopped;

    /// <param name="client">The API client the agent uses (not disposed by the agent).</param>
    public NodeAgent(NodeAgentOptions options, KubernetesClient client, ILoggerFactory loggerFactory)
        : this(options, client, ownsClient: false, loggerFactory)
    {
    }

    private NodeAgent(NodeAgentOptions options, KubernetesClient client, bool ownsClient, ILoggerFactory loggerFactory)
    {
        _options = options;
        _client = client;
        _ownsClient = ownsClient;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger("agent");
    }

    /// <summary>An agent that talks to the API server of a kubeconfig file (the server's admin kubeconfig in-process).</summary>
    public static NodeAgent FromKubeconfig(NodeAgentOptions options, string kubeconfigPath, ILoggerFactory loggerFactory)
    {
        var configuration = KubernetesClientConfiguration.FromKubeConfig(kubeconfigPath);
        configuration.UserAgent = "kubesharp-agent/" + NodeStatusReporter.KubeletVersion;
        return new NodeAgent(options, new KubernetesClient(configuration), ownsClient: true, loggerFactory);
    }

    /// <summary>An agent joining a server by URL with a bearer token (the server's --token).</summary>
    /// <param name="caCertificatePath">The server's CA (PEM); null accepts any server certificate.</param>
    public static NodeAgent FromToken(NodeAgentOptions options, Uri server, string token, string? caCertificatePath, ILoggerFactory loggerFactory)
    {
        var configuration = new KubernetesClientConfiguration
        {
            Server = server,
            AccessToken = token,
            SkipTlsVerify = caCertificatePath is null,
            UserAgent = "kubesharp-agent/" + NodeStatusReporter.KubeletVersion,
        };
        if (caCertificatePath is not null)
        {
            configuration.CertificateAuthorities.ImportFromPemFile(caCertificatePath);
        }

        return new NodeAgent(options, new KubernetesClient(configuration), ownsClient: true, loggerFactory);
    }

    public NodeAgentOptions Options => _options;

    /// <summary>The agent's API client (packaged node components such as the ingress controller share it).</summary>
    public KubernetesClient Client => _client;

    /// <summary>The pod CIDR the node's pods get addresses from (the Node's spec.podCIDR when set).</summary>
    public string? PodCidr => _network?.PodCidr;

    /// <summary>The number of pods the agent currently runs a worker for.</summary>
    public int PodWorkerCount => _workers?.Count ?? 0;

    internal ContainerdSupervisor? Containerd => _containerd;

    /// <summary>The port the kubelet endpoint listens on (0 until started).</summary>
    public int KubeletPort => _kubelet?.Port ?? 0;

    /// <summary>
    /// Starts containerd, imports images, registers the node and starts the pod, status and lease loops.
    /// Returns once the node is registered and the pods bound to it are listed.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var directory in new[] { _options.AgentDirectory, _options.ImagesDirectory, _options.PodsDirectory, _options.LogsDirectory })
        {
            Directory.CreateDirectory(directory);
        }

        _containerd = await ContainerdSupervisor.StartAsync(
            new ContainerdOptions(_options.ContainerdDirectory) { ContainerdPath = _options.ContainerdPath, Registries = RegistriesConfig.Load(_options.RegistriesFile) },
            cancellationToken).ConfigureAwait(false);
        await ImportImagesAsync(cancellationToken).ConfigureAwait(false);

        var version = await _containerd.Runtime.VersionAsync(cancellationToken).ConfigureAwait(false);
        var machine = MachineInfo.Read(_options.AgentDirectory, _options.NodeIP);
        var certificates = await KubeletCertificates.RequestAsync(_client, _options.NodeName, [machine.InternalIP], cancellationToken).ConfigureAwait(false);
        _kubelet = new KubeletServer(this, new StatsCollector(_containerd.Runtime, _options.NodeName), certificates.Serving, certificates.ClusterCa, _loggerFactory.CreateLogger("agent.kubelet"));
        await _kubelet.StartAsync(System.Net.IPAddress.Any, _options.KubeletPort, cancellationToken).ConfigureAwait(false);
        var reporter = new NodeStatusReporter(_client, _options, machine, $"{version.RuntimeName}://{version.RuntimeVersion}", _containerd.Images, _logger)
        {
            KubeletPort = _kubelet.Port,
        };
        var node = await reporter.RegisterAsync(cancellationToken).ConfigureAwait(false);

        var podCidr = node.Spec?.PodCIDR is { Length: > 0 } assigned ? assigned
            : _options.PodCidrFromServer ? await reporter.WaitForPodCidrAsync(cancellationToken).ConfigureAwait(false)
            : _options.PodCidr;
        _network = new CniNetwork(_options.NetworkName, _options.BridgeName, podCidr);
        await _network.WriteAsync(_containerd.Options.CniConfDirectory, cancellationToken).ConfigureAwait(false);
        await _containerd.Runtime.UpdateRuntimeConfigAsync(podCidr, cancellationToken).ConfigureAwait(false);
        Log.Started(_logger, _options.NodeName, podCidr, version.RuntimeVersion);

        // Services feed the containers' service variables; the kubelet waits for them before starting pods too.
        var services = new Informer<Service>(_client, null, _loggerFactory.CreateLogger("agent.informer"));
        _loops.Add(Task.Run(() => services.RunAsync(_stop.Token), CancellationToken.None));
        try
        {
            await services.WaitForSyncAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Log.ServicesNotSynced(_logger);
        }

        await StartServiceProxyAsync(machine.InternalIP, cancellationToken).ConfigureAwait(false);

        var context = new PodWorkerContext
        {
            Services = services.Cache.List,
            Client = _client,
            Runtime = _containerd.Runtime,
            Images = _containerd.Images,
            Options = _options,
            Objects = new ClientPodObjectSource(_client),
            HostIP = machine.InternalIP,
            NodeMemoryBytes = machine.MemoryBytes,
            NodeAllocatable = new Dictionary<string, decimal>
            {
                ["cpu"] = machine.Cpus,
                ["memory"] = machine.MemoryBytes,
                ["ephemeral-storage"] = machine.EphemeralStorageBytes,
            },
            Logger = _loggerFactory.CreateLogger("agent.pods"),
            Events = new PodEventRecorder(_client, _options.NodeName, _loggerFactory.CreateLogger("agent.events")),
        };
        _workers = new PodWorkers(context);
        _workers.Start(_stop.Token);

        var fieldSelector = await PodFieldSelectorAsync(cancellationToken).ConfigureAwait(false);
        var informer = new Informer<Pod>(_client, new InformerOptions { FieldSelector = fieldSelector }, _loggerFactory.CreateLogger("agent.informer"));
        _informer = informer;
        var workers = _workers;
        bool Mine(Pod pod) => pod.Spec?.NodeName == _options.NodeName;
        informer.AddEventHandler(new ResourceEventHandler<Pod>
        {
            OnAdd = (pod, _) =>
            {
                if (Mine(pod))
                {
                    workers.Update(pod);
                }
            },
            OnUpdate = (_, pod) =>
            {
                if (Mine(pod))
                {
                    workers.Update(pod);
                }
                else
                {
                    workers.Remove(pod);
                }
            },
            OnDelete = (pod, _) => workers.Remove(pod),
        });

        var stopping = _stop.Token;
        _loops.Add(Task.Run(() => informer.RunAsync(stopping), CancellationToken.None));
        // Volumes follow their ConfigMaps and Secrets as soon as those change (the periodic refresh stays as a fallback).
        _loops.Add(Task.Run(() => WatchVolumeSourcesAsync<ConfigMap>("ConfigMap", workers, stopping), CancellationToken.None));
        _loops.Add(Task.Run(() => WatchVolumeSourcesAsync<Secret>("Secret", workers, stopping), CancellationToken.None));
        _loops.Add(Task.Run(() => LoopAsync("lease", _options.LeaseRenewInterval, reporter.RenewLeaseAsync, stopping), CancellationToken.None));
        _loops.Add(Task.Run(
            () => LoopAsync(
                "node status",
                TimeSpan.FromSeconds(10),
                async ct =>
                {
                    await reporter.UpdateStatusAsync(force: false, ct).ConfigureAwait(false);
                    await FollowPodCidrAsync(reporter.PodCidrOnNode, ct).ConfigureAwait(false);
                },
                stopping),
            CancellationToken.None));
        _loops.Add(Task.Run(
            () => IgnoreCancellation(workers.RelistLoopAsync(
                () => informer.HasSynced,
                uid => informer.Cache.List().Any(p => p.Metadata?.Uid == uid),
                stopping)),
            CancellationToken.None));
        var logRotator = new ContainerLogRotator(_containerd.Runtime, TimeProvider.System);
        _loops.Add(Task.Run(() => LoopAsync("log rotation", ContainerLogRotator.Interval, logRotator.RotateAllAsync, stopping), CancellationToken.None));
        var containerdOptions = _containerd.Options;
        var imageCollector = new ImageGarbageCollector(
            _containerd.Images, _containerd.Runtime, TimeProvider.System, containerdOptions.SandboxImage, () => ImageGarbageCollector.FilesystemOf(containerdOptions.RootDirectory));
        _loops.Add(Task.Run(() => LoopAsync("image garbage collection", ImageGarbageCollector.Interval, imageCollector.CollectAsync, stopping), CancellationToken.None));
        await reporter.RenewLeaseAsync(cancellationToken).ConfigureAwait(false);
        await informer.WaitForSyncAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops the loops and containerd; pods keep running unless <see cref="NodeAgentOptions.RemovePodsOnStop"/>.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync().ConfigureAwait(false);
        }

        if (_kubelet is not null)
        {
            await _kubelet.DisposeAsync().ConfigureAwait(false);
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_loops).ConfigureAwait(false);
        if (_workers is not null)
        {
            await _workers.WhenAllStoppedAsync().ConfigureAwait(false);
            if (_options.RemovePodsOnStop && _containerd is not null)
            {
                try
                {
                    await _workers.RemoveAllSandboxesAsync(CancellationToken.None).ConfigureAwait(false);
                }
#pragma warning disable CA1031 // Best effort on the way out; containerd may already be unhealthy.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    Log.CleanupFailed(_logger, e);
                }
            }
        }

        if (_containerd is not null)
        {
            await _containerd.DisposeAsync().ConfigureAwait(false);
        }

        if (_options.RemovePodsOnStop && _network is not null)
        {
            await CniHostCleanup.RemoveNetworkAsync(_network).ConfigureAwait(false);
        }
    }

    /// <summary>Starts the service proxy when configured; a failure (no nft) is logged and the node runs without it.</summary>
    private async Task StartServiceProxyAsync(string nodeIP, CancellationToken cancellationToken)
    {
        if (_options.ServiceProxyTable is not { } table)
        {
            return;
        }

        var proxy = new ServiceProxy(new ServiceProxyOptions(_options.NodeName, [nodeIP]) { TableName = table, ClusterCidr = _options.ClusterCidr, DeleteTableOnStop = _options.RemovePodsOnStop }, _client, _loggerFactory);
        try
        {
            await proxy.StartAsync(cancellationToken).ConfigureAwait(false);
            _proxy = proxy;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            Log.ServiceProxyFailed(_logger, e);
            await proxy.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stop.Dispose();
        if (_ownsClient)
        {
            _client.Dispose();
        }
    }

    /// <summary>
    /// Writes a container's log as the kubelet's containerLogs endpoint does (the body of pods/{name}/log).
    /// </summary>
    /// <param name="container">The container; may be omitted for a pod with one container.</param>
    /// <exception cref="ContainerRequestException">The pod, container or log does not exist (404/400, Kubernetes' messages).</exception>
    public async Task WriteContainerLogAsync(string ns, string podName, string? container, ContainerLogOptions options, Stream output, CancellationToken cancellationToken)
    {
        var (pod, name) = FindContainer(ns, podName, container);
        var instances = await InstancesAsync(pod, name, cancellationToken).ConfigureAwait(false);
        var target = options.Previous ? instances.ElementAtOrDefault(1) : instances.FirstOrDefault();
        if (target is null)
        {
            throw new ContainerRequestException(400, options.Previous
                ? $"previous terminated container \"{name}\" in pod \"{podName}\" not found"
                : $"container \"{name}\" in pod \"{podName}\" is waiting to start: ContainerCreating");
        }

        var runtime = _containerd!.Runtime;
        await ContainerLogs.WriteAsync(
            target.LogPath,
            options,
            output,
            async ct => (await runtime.ContainerStatusAsync(target.Id, cancellationToken: ct).ConfigureAwait(false)).Status.State == Cri.V1.ContainerState.ContainerRunning,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The runtime's streaming URL for an exec session (what the kubelet redirects or proxies pods/exec to).</summary>
    public async Task<Uri> GetExecUrlAsync(string ns, string podName, string? container, IReadOnlyList<string> command, bool stdin, bool stdout, bool stderr, bool tty, CancellationToken cancellationToken)
    {
        var id = await RunningContainerIdAsync(ns, podName, container, cancellationToken).ConfigureAwait(false);
        var request = new Cri.V1.ExecRequest { ContainerId = id, Stdin = stdin, Stdout = stdout, Stderr = stderr && !tty, Tty = tty };
        request.Cmd.AddRange(command);
        var response = await _containerd!.Runtime.ExecAsync(request, cancellationToken).ConfigureAwait(false);
        return new Uri(response.Url);
    }

    /// <summary>The runtime's streaming URL for attaching to a container's main process.</summary>
    public async Task<Uri> GetAttachUrlAsync(string ns, string podName, string? container, bool stdin, bool stdout, bool stderr, bool tty, CancellationToken cancellationToken)
    {
        var id = await RunningContainerIdAsync(ns, podName, container, cancellationToken).ConfigureAwait(false);
        var response = await _containerd!.Runtime.AttachAsync(new Cri.V1.AttachRequest { ContainerId = id, Stdin = stdin, Stdout = stdout, Stderr = stderr && !tty, Tty = tty }, cancellationToken).ConfigureAwait(false);
        return new Uri(response.Url);
    }

    /// <summary>The runtime's streaming URL for forwarding ports into a pod's network namespace.</summary>
    public async Task<Uri> GetPortForwardUrlAsync(string ns, string podName, IReadOnlyList<int> ports, CancellationToken cancellationToken)
    {
        var pod = FindPod(ns, podName);
        var sandboxes = await _containerd!.Runtime.ListPodSandboxAsync(
            new Cri.V1.PodSandboxFilter { LabelSelector = { [CriConfigBuilder.PodUidLabel] = pod.Metadata?.Uid ?? "" } }, cancellationToken).ConfigureAwait(false);
        var sandbox = sandboxes.Where(s => s.State == Cri.V1.PodSandboxState.SandboxReady).MaxBy(s => s.CreatedAt)
            ?? throw new ContainerRequestException(400, $"pod {podName} does not have a running sandbox");
        var response = await _containerd.Runtime.PortForwardAsync(sandbox.Id, ports, cancellationToken).ConfigureAwait(false);
        return new Uri(response.Url);
    }

    /// <summary>Whether the pod is bound to this node (as far as the agent's cache knows).</summary>
    public bool RunsPod(string ns, string podName) => _informer?.Lister.Get(podName, ns)?.Spec?.NodeName == _options.NodeName;

    private Pod FindPod(string ns, string podName)
    {
        var pod = _informer?.Lister.Get(podName, ns);
        if (pod is null || pod.Spec?.NodeName != _options.NodeName)
        {
            throw new ContainerRequestException(404, $"pods \"{podName}\" not found");
        }

        return pod;
    }

    private (Pod Pod, string Container) FindContainer(string ns, string podName, string? container)
    {
        var pod = FindPod(ns, podName);
        var names = (pod.Spec?.InitContainers ?? []).Concat(pod.Spec?.Containers ?? []).Select(c => c.Name ?? "")
            .Concat((pod.Spec?.EphemeralContainers ?? []).Select(c => c.Name ?? "")).ToList();
        if (string.IsNullOrEmpty(container))
        {
            var main = pod.Spec?.Containers ?? [];
            if (main.Count != 1)
            {
                throw new ContainerRequestException(400, $"a container name must be specified for pod {podName}, choose one of: [{string.Join(' ', main.Select(c => c.Name))}]");
            }

            return (pod, main[0].Name ?? "");
        }

        if (!names.Contains(container))
        {
            throw new ContainerRequestException(400, $"container {container} is not valid for pod {podName}");
        }

        return (pod, container);
    }

    private async Task<List<Cri.V1.ContainerStatus>> InstancesAsync(Pod pod, string container, CancellationToken cancellationToken)
    {
        var runtime = _containerd!.Runtime;
        var listed = await runtime.ListContainersAsync(
            new Cri.V1.ContainerFilter { LabelSelector = { [CriConfigBuilder.PodUidLabel] = pod.Metadata?.Uid ?? "", [CriConfigBuilder.ContainerNameLabel] = container } },
            cancellationToken).ConfigureAwait(false);
        var statuses = new List<Cri.V1.ContainerStatus>();
        foreach (var c in listed.OrderByDescending(c => c.Metadata?.Attempt ?? 0).ThenByDescending(c => c.CreatedAt))
        {
            statuses.Add((await runtime.ContainerStatusAsync(c.Id, cancellationToken: cancellationToken).ConfigureAwait(false)).Status);
        }

        return statuses;
    }

    private async Task<string> RunningContainerIdAsync(string ns, string podName, string? container, CancellationToken cancellationToken)
    {
        var (pod, name) = FindContainer(ns, podName, container);
        var latest = (await InstancesAsync(pod, name, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
        if (latest?.State != Cri.V1.ContainerState.ContainerRunning)
        {
            throw new ContainerRequestException(400, $"container {name} is not running");
        }

        return latest.Id;
    }

    // A node IPAM controller may assign spec.podCIDR after registration: new pods then get addresses from it.
    private async Task FollowPodCidrAsync(string podCidrOnNode, CancellationToken cancellationToken)
    {
        if (podCidrOnNode.Length == 0 || _network is null || podCidrOnNode == _network.PodCidr || _containerd is null)
        {
            return;
        }

        // The bridge keeps its gateway address from the old range; switch only while no pod uses it, and start afresh.
        if ((await _containerd.Runtime.ListPodSandboxAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Count > 0)
        {
            return;
        }

        await CniHostCleanup.RemoveNetworkAsync(_network, cancellationToken).ConfigureAwait(false);
        _network = _network with { PodCidr = podCidrOnNode };
        await _network.WriteAsync(_containerd.Options.CniConfDirectory, cancellationToken).ConfigureAwait(false);
        await _containerd.Runtime.UpdateRuntimeConfigAsync(podCidrOnNode, cancellationToken).ConfigureAwait(false);
        Log.PodCidrChanged(_logger, podCidrOnNode);
    }

    private async Task ImportImagesAsync(CancellationToken cancellationToken)
    {
        foreach (var archive in Directory.EnumerateFiles(_options.ImagesDirectory, "*.tar").Order(StringComparer.Ordinal))
        {
            try
            {
                await _containerd!.ImportImageArchiveAsync(archive, cancellationToken).ConfigureAwait(false);
                Log.ImageImported(_logger, archive);
            }
            catch (InvalidOperationException e)
            {
                Log.ImageImportFailed(_logger, archive, e.Message);
            }
        }
    }

    // The server may not (yet) support spec.nodeName as a field selector; then all pods are watched and filtered here.
    private async Task<string?> PodFieldSelectorAsync(CancellationToken cancellationToken)
    {
        var selector = "spec.nodeName=" + _options.NodeName;
        try
        {
            await _client.ListAsync<Pod>(options: new ListOptions { FieldSelector = selector, Limit = 1 }, cancellationToken: cancellationToken).ConfigureAwait(false);
            return selector;
        }
        catch (KubernetesApiException e) when (e.StatusCode == System.Net.HttpStatusCode.BadRequest)
        {
            Log.NoNodeNameSelector(_logger);
            return null;
        }
    }

    private async Task LoopAsync(string what, TimeSpan interval, Func<CancellationToken, Task> action, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    await action(cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
#pragma warning disable CA1031 // A failed heartbeat is retried at the next tick.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    Log.LoopFailed(_logger, e, what);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Tells the pod workers about every changed <typeparamref name="T"/> (ConfigMap or Secret) until <paramref name="cancellationToken"/> fires.</summary>
    private async Task WatchVolumeSourcesAsync<T>(string kind, PodWorkers workers, CancellationToken cancellationToken)
        where T : Api.KubernetesObject
    {
        var informer = new Informer<T>(_client, null, _loggerFactory.CreateLogger("agent.informer"));
        informer.AddEventHandler(new ResourceEventHandler<T>
        {
            OnUpdate = (old, changed) =>
            {
                if (old.Metadata?.ResourceVersion != changed.Metadata?.ResourceVersion)
                {
                    workers.SourceChanged(kind, changed.Metadata?.Namespace, changed.Metadata?.Name);
                }
            },
            OnAdd = (added, initialList) =>
            {
                if (!initialList)
                {
                    workers.SourceChanged(kind, added.Metadata?.Namespace, added.Metadata?.Name);
                }
            },
        });
        await IgnoreCancellation(informer.RunAsync(cancellationToken)).ConfigureAwait(false);
    }

    private static async Task IgnoreCancellation(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "node agent {Node} started: pod CIDR {PodCidr}, containerd {Version}")]
        public static partial void Started(ILogger logger, string node, string podCidr, string version);

        [LoggerMessage(Level = LogLevel.Information, Message = "imported image archive {Archive}")]
        public static partial void ImageImported(ILogger logger, string archive);

        [LoggerMessage(Level = LogLevel.Warning, Message = "could not import image archive {Archive}: {Error}")]
        public static partial void ImageImportFailed(ILogger logger, string archive, string error);

        [LoggerMessage(Level = LogLevel.Warning, Message = "the API server does not select pods by spec.nodeName; watching all pods")]
        public static partial void NoNodeNameSelector(ILogger logger);

        [LoggerMessage(Level = LogLevel.Warning, Message = "{What} update failed")]
        public static partial void LoopFailed(ILogger logger, Exception e, string what);

        [LoggerMessage(Level = LogLevel.Information, Message = "the node's spec.podCIDR is now {PodCidr}; new pods get addresses from it")]
        public static partial void PodCidrChanged(ILogger logger, string podCidr);

        [LoggerMessage(Level = LogLevel.Warning, Message = "services were not listed within 10 s; containers may start without service variables")]
        public static partial void ServicesNotSynced(ILogger logger);

        [LoggerMessage(Level = LogLevel.Error, Message = "the service proxy could not start; services carry no traffic on this node")]
        public static partial void ServiceProxyFailed(ILogger logger, Exception e);

        [LoggerMessage(Level = LogLevel.Warning, Message = "removing pods on stop failed")]
        public static partial void CleanupFailed(ILogger logger, Exception e);
    }
}
