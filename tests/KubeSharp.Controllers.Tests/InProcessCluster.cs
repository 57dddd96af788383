using System.Net;
using System.Net.Sockets;
using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.ApiServer;
using KubeSharp.ApiServer.Registry.Strategies;
using KubeSharp.Client;
using KubeSharp.Client.Configuration;
using KubeSharp.Scheduler;
using Microsoft.Extensions.Logging.Abstractions;

namespace KubeSharp.Controllers.Tests;

/// <summary>
/// A real API server in this process (own data dir and port) with the controller manager, the
/// scheduler and a <see cref="SimulatedKubelet"/> for its one node, "node-1".
/// </summary>
internal sealed class InProcessCluster : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "kubesharp-ctl-" + Guid.NewGuid().ToString("N"));
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _running = [];
    private ApiServerHost _host = null!;

    public KubernetesClient Client { get; private set; } = null!;

    /// <param name="clusterCidr">Runs node IPAM over this range (off by default).</param>
    public static async Task<InProcessCluster> StartAsync(string? clusterCidr = null)
    {
        var cluster = new InProcessCluster();
        var options = new ApiServerOptions { DataDir = cluster._dataDir, HttpsPort = FreePort(), BindAddress = IPAddress.Loopback };
        cluster._host = new ApiServerHost(options, NullLoggerFactory.Instance);
        await cluster._host.StartAsync(BuiltInStrategies.Create(), _ => { }, cluster._stop.Token);
        var client = cluster.Client = new KubernetesClient(KubernetesClientConfiguration.FromKubeConfig(options.KubeconfigPath));

        var node = await client.CreateAsync(new Node { Metadata = new ObjectMeta { Name = "node-1", Labels = new() { ["kubernetes.io/hostname"] = "node-1" } } });
        var capacity = new Dictionary<string, Quantity> { ["cpu"] = Quantity.Parse("8"), ["memory"] = Quantity.Parse("16Gi"), ["pods"] = Quantity.Parse("110") };
        node.Status = new NodeStatus
        {
            Allocatable = new(capacity),
            Capacity = new(capacity),
            Conditions = [new NodeCondition { Type = "Ready", Status = "True", Reason = "KubeletReady", LastHeartbeatTime = DateTimeOffset.UtcNow, LastTransitionTime = DateTimeOffset.UtcNow }],
        };
        await client.UpdateStatusAsync(node);

        cluster._running.Add(new ControllerManager(client, NullLoggerFactory.Instance) { ClusterCidr = clusterCidr }.RunAsync(cluster._stop.Token));
        cluster._running.Add(new PodScheduler(client, NullLoggerFactory.Instance).RunAsync(cluster._stop.Token));
        cluster._running.Add(new SimulatedKubelet(client).RunAsync(cluster._stop.Token));
        return cluster;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_running);
        Client.Dispose();
        await _host.DisposeAsync();
        _stop.Dispose();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!await condition())
        {
            await Task.Delay(200, timeout.Token);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
