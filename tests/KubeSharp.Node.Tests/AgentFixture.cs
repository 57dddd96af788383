using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.ApiServer;
using KubeSharp.ApiServer.Registry.Strategies;
using KubeSharp.Client;
using KubeSharp.Client.Configuration;
using KubeSharp.Node.Agent;
using Microsoft.Extensions.Logging;
using Xunit;

namespace KubeSharp.Node.Tests;

/// <summary>
/// One API server and one node agent (own containerd, bridge, pod CIDR, cgroup root and data directory) shared by the
/// tests of a class: starting them costs seconds, so the tests run their pods side by side on it.
/// Started lazily, so a class whose facts are skipped (no root, no containerd) starts nothing.
/// </summary>
public sealed class AgentFixture : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private readonly string _id = Guid.NewGuid().ToString("N")[..8];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ILoggerFactory _loggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Warning));
    private ApiServerHost? _server;
    private NodeAgent? _agent;
    private KubernetesClient? _client;

    public string NodeName => "node-" + _id;

    public string DataDirectory => Path.Combine("/tmp", "ks-agent-" + _id);

    public KubernetesClient Client => _client ?? throw new InvalidOperationException("not started");

    public NodeAgent Agent => _agent ?? throw new InvalidOperationException("not started");

    public async Task StartAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_agent is not null)
            {
                return;
            }

            var images = await TestImages.BuildAsync();
            var serverOptions = new ApiServerOptions { DataDir = Path.Combine(DataDirectory, "server"), HttpsPort = TestHost.FreePort(), BindAddress = IPAddress.Loopback };
            _server = new ApiServerHost(serverOptions, _loggerFactory);
            await _server.StartAsync(BuiltInStrategies.Create(), _ => { }, CancellationToken.None);
            var agentOptions = new NodeAgentOptions(NodeName, DataDirectory)
            {
                PodCidr = $"10.215.{Random.Shared.Next(1, 254)}.0/24",
                NetworkName = "kubesharp-agent-" + _id,
                BridgeName = "ksag" + _id[..6],
                CgroupRoot = "/kubesharp-test-" + _id,
                RemovePodsOnStop = true,
            };
            Directory.CreateDirectory(agentOptions.ImagesDirectory);
            File.Copy(images.Pause, Path.Combine(agentOptions.ImagesDirectory, "pause.tar"));
            File.Copy(images.Busybox, Path.Combine(agentOptions.ImagesDirectory, "busybox.tar"));
            _agent = NodeAgent.FromKubeconfig(agentOptions, serverOptions.KubeconfigPath, _loggerFactory);
            await _agent.StartAsync(CancellationToken.None);
            _client = new KubernetesClient(KubernetesClientConfiguration.FromKubeConfig(serverOptions.KubeconfigPath));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The pod as stored, once <paramref name="done"/> holds (the test fails after two minutes).</summary>
    public Task<Pod?> WaitForPodAsync(string name, Func<Pod?, bool> done) => WaitForAsync(() => Client.TryGetAsync<Pod>(name, "default"), done);

    /// <summary>The events about the pod <paramref name="podName"/>, once <paramref name="done"/> holds.</summary>
    public Task<List<Event>> WaitForEventsAsync(string podName, Func<List<Event>, bool> done) => WaitForAsync(
        async () => (await Client.ListAsync<Event>("default")).Items.Where(e => e.InvolvedObject?.Name == podName).ToList(),
        done);

    /// <summary>Runs <paramref name="command"/> in the pod's running container (CRI ExecSync) and returns its standard output.</summary>
    public async Task<string> ExecAsync(string podName, string container, params string[] command)
    {
        var pod = await Client.GetAsync<Pod>(podName, "default");
        var id = pod.Status!.ContainerStatuses!.Single(c => c.Name == container).ContainerID!["containerd://".Length..];
        var result = await Agent.Containerd!.Runtime.ExecSyncAsync(id, command, TimeSpan.FromSeconds(10));
        return result.Stdout.ToStringUtf8();
    }

    public static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (waited.Elapsed > Patience)
            {
                Assert.Fail($"gave up waiting; last value: {(value is null ? "null" : KubeJson.Serialize(value))}");
            }

            await Task.Delay(200);
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_agent is not null)
        {
            await _agent.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _client?.Dispose();
        _gate.Dispose();
        _loggerFactory.Dispose();
        TestHost.RemoveCgroupRoot("/kubesharp-test-" + _id);
        try
        {
            if (Directory.Exists(DataDirectory))
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"Could not delete {DataDirectory}: {e.Message}");
        }
    }
}
