using System.Collections.Concurrent;
using KubeSharp.Client;
using KubeSharp.Node.Agent;
using KubeSharp.Node.Cri;
using Microsoft.Extensions.Logging;

namespace KubeSharp.Node.Pods;

/// <summary>What every pod worker of one node shares: the API client, the runtime and the node's facts.</summary>
internal sealed class PodWorkerContext
{
    public required KubernetesClient Client { get; init; }

    public required CriRuntimeClient Runtime { get; init; }

    public required CriImageClient Images { get; init; }

    public required NodeAgentOptions Options { get; init; }

    public required IPodObjectSource Objects { get; init; }

    public required string HostIP { get; init; }

    public required long NodeMemoryBytes { get; init; }

    /// <summary>Allocatable cpu (cores) and memory (bytes): the value of an unset limit in the downward API.</summary>
    public required IReadOnlyDictionary<string, decimal> NodeAllocatable { get; init; }

    public required ILogger Logger { get; init; }

    public required PodEventRecorder Events { get; init; }

    /// <summary>The cluster's services as last seen (for the containers' service variables).</summary>
    public Func<IEnumerable<Api.Core.V1.Service>> Services { get; init; } = () => [];

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Images whose failed pull (offline, local copy used) was already logged as a warning.</summary>
    public ConcurrentDictionary<string, bool> OfflineImagesReported { get; } = new(StringComparer.Ordinal);

    public string PodDirectory(string uid) => Path.Combine(Options.PodsDirectory, uid);
}
