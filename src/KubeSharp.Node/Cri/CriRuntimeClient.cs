using Google.Protobuf;
using KubeSharp.Grpc;
using KubeSharp.Node.Cri.V1;

namespace KubeSharp.Node.Cri;

/// <summary>
/// The CRI v1 RuntimeService (pod sandboxes, containers, exec, stats) over a <see cref="GrpcClient"/>.
/// Every call has a deadline: <see cref="DefaultTimeout"/> unless the method says otherwise.
/// Errors surface as <see cref="GrpcException"/> (e.g. NotFound for an unknown id).
/// </summary>
internal sealed class CriRuntimeClient(GrpcClient grpc)
{
    private const string Service = "/runtime.v1.RuntimeService/";

    /// <summary>The deadline of each call (the kubelet's runtime request timeout is also two minutes).</summary>
    public TimeSpan DefaultTimeout { get; init; } = TimeSpan.FromMinutes(2);

    public Task<VersionResponse> VersionAsync(CancellationToken cancellationToken = default) =>
        CallAsync("Version", new VersionRequest { Version = "v1" }, VersionResponse.Parser, cancellationToken: cancellationToken);

    public Task<StatusResponse> StatusAsync(bool verbose = false, CancellationToken cancellationToken = default) =>
        CallAsync("Status", new StatusRequest { Verbose = verbose }, StatusResponse.Parser, cancellationToken: cancellationToken);

    public Task<UpdateRuntimeConfigResponse> UpdateRuntimeConfigAsync(string podCidr, CancellationToken cancellationToken = default) =>
        CallAsync(
            "UpdateRuntimeConfig",
            new UpdateRuntimeConfigRequest { RuntimeConfig = new RuntimeConfig { NetworkConfig = new NetworkConfig { PodCidr = podCidr } } },
            UpdateRuntimeConfigResponse.Parser,
            cancellationToken: cancellationToken);

    /// <summary>Creates and starts a sandbox (network namespace with CNI networking, pause container); returns its id.</summary>
    public async Task<string> RunPodSandboxAsync(PodSandboxConfig config, string runtimeHandler = "", CancellationToken cancellationToken = default)
    {
        var request = new RunPodSandboxRequest { Config = config, RuntimeHandler = runtimeHandler };
        var response = await CallAsync("RunPodSandbox", request, RunPodSandboxResponse.Parser, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.PodSandboxId;
    }

    /// <summary>Stops every container of the sandbox and tears down its network; idempotent.</summary>
    public Task StopPodSandboxAsync(string podSandboxId, CancellationToken cancellationToken = default) =>
        CallAsync("StopPodSandbox", new StopPodSandboxRequest { PodSandboxId = podSandboxId }, StopPodSandboxResponse.Parser, cancellationToken: cancellationToken);

    /// <summary>Removes a sandbox and its containers; idempotent (a missing sandbox is not an error).</summary>
    public Task RemovePodSandboxAsync(string podSandboxId, CancellationToken cancellationToken = default) =>
        CallAsync("RemovePodSandbox", new RemovePodSandboxRequest { PodSandboxId = podSandboxId }, RemovePodSandboxResponse.Parser, cancellationToken: cancellationToken);

    public Task<PodSandboxStatusResponse> PodSandboxStatusAsync(string podSandboxId, bool verbose = false, CancellationToken cancellationToken = default) =>
        CallAsync("PodSandboxStatus", new PodSandboxStatusRequest { PodSandboxId = podSandboxId, Verbose = verbose }, PodSandboxStatusResponse.Parser, cancellationToken: cancellationToken);

    public async Task<IReadOnlyList<PodSandbox>> ListPodSandboxAsync(PodSandboxFilter? filter = null, CancellationToken cancellationToken = default)
    {
        var response = await CallAsync("ListPodSandbox", new ListPodSandboxRequest { Filter = filter }, ListPodSandboxResponse.Parser, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.Items;
    }

    /// <param name="podSandboxId">The sandbox the container joins.</param>
    /// <param name="config">The container; set <c>log_path</c> or no log is written.</param>
    /// <param name="sandboxConfig">Exactly the config the sandbox was run with.</param>
    public async Task<string> CreateContainerAsync(string podSandboxId, ContainerConfig config, PodSandboxConfig sandboxConfig, CancellationToken cancellationToken = default)
    {
        var request = new CreateContainerRequest { PodSandboxId = podSandboxId, Config = config, SandboxConfig = sandboxConfig };
        var response = await CallAsync("CreateContainer", request, CreateContainerResponse.Parser, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.ContainerId;
    }

    public Task StartContainerAsync(string containerId, CancellationToken cancellationToken = default) =>
        CallAsync("StartContainer", new StartContainerRequest { ContainerId = containerId }, StartContainerResponse.Parser, cancellationToken: cancellationToken);

    /// <summary>Sends the stop signal, then kills after <paramref name="gracePeriod"/>; the deadline allows for the grace period.</summary>
    public Task StopContainerAsync(string containerId, TimeSpan gracePeriod, CancellationToken cancellationToken = default) =>
        CallAsync(
            "StopContainer",
            new StopContainerRequest { ContainerId = containerId, Timeout = (long)Math.Ceiling(gracePeriod.TotalSeconds) },
            StopContainerResponse.Parser,
            DefaultTimeout + gracePeriod,
            cancellationToken);

    public Task RemoveContainerAsync(string containerId, CancellationToken cancellationToken = default) =>
        CallAsync("RemoveContainer", new RemoveContainerRequest { ContainerId = containerId }, RemoveContainerResponse.Parser, cancellationToken: cancellationToken);

    public async Task<IReadOnlyList<Container>> ListContainersAsync(ContainerFilter? filter = null, CancellationToken cancellationToken = default)
    {
        var response = await CallAsync("ListContainers", new ListContainersRequest { Filter = filter }, ListContainersResponse.Parser, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.Containers;
    }

    public Task<ContainerStatusResponse> ContainerStatusAsync(string containerId, bool verbose = false, CancellationToken cancellationToken = default) =>
        CallAsync("ContainerStatus", new ContainerStatusRequest { ContainerId = containerId, Verbose = verbose }, ContainerStatusResponse.Parser, cancellationToken: cancellationToken);

    public Task UpdateContainerResourcesAsync(string containerId, LinuxContainerResources resources, CancellationToken cancellationToken = default) =>
        CallAsync("UpdateContainerResources", new UpdateContainerResourcesRequest { ContainerId = containerId, Linux = resources }, UpdateContainerResourcesResponse.Parser, cancellationToken: cancellationToken);

    /// <summary>Makes the runtime reopen the container's log file (after the agent rotated it).</summary>
    public Task ReopenContainerLogAsync(string containerId, CancellationToken cancellationToken = default) =>
        CallAsync("ReopenContainerLog", new ReopenContainerLogRequest { ContainerId = containerId }, ReopenContainerLogResponse.Parser, cancellationToken: cancellationToken);

    /// <summary>Runs a command in the container and returns its output; <paramref name="timeout"/> bounds the command (null: none).</summary>
    public Task<ExecSyncResponse> ExecSyncAsync(string containerId, IEnumerable<string> command, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var request = new ExecSyncRequest { ContainerId = containerId, Timeout = timeout is { } t ? (long)Math.Ceiling(t.TotalSeconds) : 0 };
        request.Cmd.AddRange(command);
        return CallAsync("ExecSync", request, ExecSyncResponse.Parser, timeout is { } limit ? limit + DefaultTimeout : null, cancellationToken);
    }

    /// <summary>The URL of a streaming exec session on the runtime's streaming server.</summary>
    public Task<ExecResponse> ExecAsync(ExecRequest request, CancellationToken cancellationToken = default) =>
        CallAsync("Exec", request, ExecResponse.Parser, cancellationToken: cancellationToken);

    public Task<AttachResponse> AttachAsync(AttachRequest request, CancellationToken cancellationToken = default) =>
        CallAsync("Attach", request, AttachResponse.Parser, cancellationToken: cancellationToken);

    public Task<PortForwardResponse> PortForwardAsync(string podSandboxId, IEnumerable<int> ports, CancellationToken cancellationToken = default)
    {
        var request = new PortForwardRequest { PodSandboxId = podSandboxId };
        request.Port.AddRange(ports);
        return CallAsync("PortForward", request, PortForwardResponse.Parser, cancellationToken: cancellationToken);
    }

    public async Task<ContainerStats> ContainerStatsAsync(string containerId, CancellationToken cancellationToken = default)
    {
        var response = await CallAsync("ContainerStats", new ContainerStatsRequest { ContainerId = containerId }, ContainerStatsResponse.Parser, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.Stats;
    }

    public async Task<IReadOnlyList<ContainerStats>> ListContainerStatsAsync(ContainerStatsFilter? filter = null, CancellationToken cancellationToken = default)
    {
        var response = await CallAsync("ListContainerStats", new ListContainerStatsRequest { Filter = filter }, ListContainerStatsResponse.Parser, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.Stats;
    }

    public async Task<PodSandboxStats> PodSandboxStatsAsync(string podSandboxId, CancellationToken cancellationToken = default)
    {
        var response = await CallAsync("PodSandboxStats", new PodSandboxStatsRequest { PodSandboxId = podSandboxId }, PodSandboxStatsResponse.Parser, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.Stats;
    }

    public async Task<IReadOnlyList<PodSandboxStats>> ListPodSandboxStatsAsync(PodSandboxStatsFilter? filter = null, CancellationToken cancellationToken = default)
    {
        var response = await CallAsync("ListPodSandboxStats", new ListPodSandboxStatsRequest { Filter = filter }, ListPodSandboxStatsResponse.Parser, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.Stats;
    }

    private Task<TResponse> CallAsync<TRequest, TResponse>(
        string method,
        TRequest request,
        MessageParser<TResponse> parser,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
        where TRequest : IMessage<TRequest>
        where TResponse : class, IMessage<TResponse> =>
        grpc.UnaryAsync(Service + method, request, parser, new GrpcCallOptions(timeout ?? DefaultTimeout), cancellationToken);
}
