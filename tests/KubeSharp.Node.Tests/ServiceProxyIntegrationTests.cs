using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.Api.Discovery.V1;
using KubeSharp.ApiServer;
using KubeSharp.ApiServer.Registry.Strategies;
using KubeSharp.Client;
using KubeSharp.Client.Configuration;
using KubeSharp.Node.Agent;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;
using EndpointPort = KubeSharp.Api.Discovery.V1.EndpointPort;
using NodeObject = KubeSharp.Api.Core.V1.Node;

namespace KubeSharp.Node.Tests;

/// <summary>
/// The node agent's service proxy on real containerd pods: a Service's cluster IP and node port reach both
/// backends from the host, from another pod and from a backend itself, and deleting the Service removes its rules. The proxy uses a
/// table of its own (deleted when the agent stops) and the API server a service range of its own.
/// </summary>
public sealed class ServiceProxyIntegrationTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [RootWithContainerdFact]
    public async Task A_cluster_ip_and_node_port_reach_every_backend_from_the_host_and_from_pods_and_deleting_the_service_removes_its_rules()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var dataDirectory = Path.Combine("/tmp", "ks-proxy-" + id);
        var nodeName = "proxy-" + id;
        var cgroupRoot = "/kubesharp-test-" + id;
        var table = "kstest" + id;
        var octet = Random.Shared.Next(1, 254);
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(new TestOutputLoggerProvider(output)).SetMinimumLevel(LogLevel.Information));
        var images = await TestImages.BuildAsync();
        var serverOptions = new ApiServerOptions
        {
            DataDir = Path.Combine(dataDirectory, "server"),
            HttpsPort = TestHost.FreePort(),
            BindAddress = IPAddress.Loopback,
            ServiceCidr = $"10.215.{octet}.0/24",
        };
        var server = new ApiServerHost(serverOptions, loggerFactory);
        NodeAgent? agent = null;
        try
        {
            await server.StartAsync(BuiltInStrategies.Create(), _ => { }, CancellationToken.None);
            var podCidr = $"10.214.{octet}.0/24";
            var agentOptions = new NodeAgentOptions(nodeName, dataDirectory)
            {
                PodCidr = podCidr,
                ClusterCidr = podCidr,
                NetworkName = "kubesharp-proxy-" + id,
                BridgeName = "kspx" + id[..6],
                CgroupRoot = cgroupRoot,
                RemovePodsOnStop = true,
                ServiceProxyTable = table,
            };
            Directory.CreateDirectory(agentOptions.ImagesDirectory);
            File.Copy(images.Pause, Path.Combine(agentOptions.ImagesDirectory, "pause.tar"));
            File.Copy(images.Busybox, Path.Combine(agentOptions.ImagesDirectory, "busybox.tar"));
            agent = NodeAgent.FromKubeconfig(agentOptions, serverOptions.KubeconfigPath, loggerFactory);
            await agent.StartAsync(CancellationToken.None);
            using var client = new KubernetesClient(KubernetesClientConfiguration.FromKubeConfig(serverOptions.KubeconfigPath));

            foreach (var name in new[] { "web-a", "web-b" })
            {
                await client.CreateAsync(BusyboxPod(name, nodeName, "web", $"mkdir -p /www && echo {name} > /www/index.html && exec httpd -f -p 8080 -h /www"));
            }

            await client.CreateAsync(BusyboxPod("caller", nodeName, "caller", "exec sleep 3600"));
            var pods = new Dictionary<string, Pod>();
            foreach (var name in new[] { "web-a", "web-b", "caller" })
            {
                pods[name] = (await WaitForAsync(() => client.TryGetAsync<Pod>(name, "default"), p => p?.Status?.Phase == "Running" && p.Status.PodIP is not null))!;
            }

            var service = await client.CreateAsync(new Service
            {
                Metadata = new ObjectMeta { Name = "web", Namespace = "default" },
                Spec = new ServiceSpec
                {
                    Type = "NodePort",
                    Selector = new() { ["app"] = "web" },
                    Ports = [new ServicePort { Name = "http", Port = 80, TargetPort = IntOrString.FromInt(8080), Protocol = "TCP" }],
                },
            });
            var clusterIP = service.Spec!.ClusterIP!;
            var nodePort = service.Spec.Ports![0].NodePort!.Value;

            // The endpoints controller does not run in this test; the slice it would write is written by hand.
            await client.CreateAsync(new EndpointSlice
            {
                Metadata = new ObjectMeta { Name = "web-1", Namespace = "default", Labels = new() { ["kubernetes.io/service-name"] = "web" } },
                AddressType = "IPv4",
                Ports = [new EndpointPort { Name = "http", Port = 8080, Protocol = "TCP" }],
                Endpoints = new[] { "web-a", "web-b" }.Select(n => new Endpoint
                {
                    Addresses = [pods[n].Status!.PodIP!],
                    NodeName = nodeName,
                    Conditions = new EndpointConditions { Ready = true, Serving = true, Terminating = false },
                }).ToList(),
            });

            // From the host (nat output hook), every backend answers through the cluster IP.
            Assert.Equal(["web-a", "web-b"], await BackendsAsync(() => HttpGetAsync($"http://{clusterIP}/")));

            // From another pod (nat prerouting hook), likewise.
            var runtime = agent.Containerd!.Runtime;
            async Task<string?> GetFromPodAsync(string pod, string url)
            {
                var containerId = pods[pod].Status!.ContainerStatuses![0].ContainerID!.Split("://")[1];
                var response = await runtime.ExecSyncAsync(containerId, ["wget", "-q", "-O", "-", url], TimeSpan.FromSeconds(10));
                return response.ExitCode == 0 ? response.Stdout.ToStringUtf8().Trim() : null;
            }

            Assert.Equal(["web-a", "web-b"], await BackendsAsync(() => GetFromPodAsync("caller", $"http://{clusterIP}/")));

            // A backend reaches itself through its service too (hairpin, masqueraded so the reply comes back through the bridge).
            Assert.Equal(["web-a", "web-b"], await BackendsAsync(() => GetFromPodAsync("web-a", $"http://{clusterIP}/")));

            // The node port answers on the node's address.
            var node = await client.GetAsync<NodeObject>(nodeName);
            var nodeIP = node.Status!.Addresses!.First(a => a.Type == "InternalIP").Address!;
            Assert.Equal(["web-a", "web-b"], await BackendsAsync(() => HttpGetAsync($"http://{nodeIP}:{nodePort}/")));
            Assert.Equal(["web-a", "web-b"], await BackendsAsync(() => HttpGetAsync($"http://127.0.0.1:{nodePort}/")));

            Assert.Contains(clusterIP, await ListTableAsync(table), StringComparison.Ordinal);
            await client.DeleteAsync<Service>("web", "default");
            await WaitForAsync(() => ListTableAsync(table), rules => !rules.Contains(clusterIP, StringComparison.Ordinal) && !rules.Contains($". {nodePort} :", StringComparison.Ordinal));

            await agent.DisposeAsync();
            agent = null;
            Assert.Equal("", await ListTableAsync(table));
        }
        finally
        {
            if (agent is not null)
            {
                await agent.DisposeAsync();
            }

            await server.DisposeAsync();
            await HostCommand.RunAsync("nft", ["delete", "table", "ip", table]);
            TestHost.RemoveCgroupRoot(cgroupRoot);
            DeleteDirectory(dataDirectory);
        }
    }

    private static Pod BusyboxPod(string name, string nodeName, string app, string script) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "default", Labels = new() { ["app"] = app } },
        Spec = new PodSpec
        {
            NodeName = nodeName,
            TerminationGracePeriodSeconds = 1,
            Containers = [new Container { Name = "main", Image = "busybox", Command = ["sh", "-c", script] }],
        },
    };

    /// <summary>Asks until every backend has answered (or patience runs out); returns the distinct answers, sorted.</summary>
    private static async Task<List<string>> BackendsAsync(Func<Task<string?>> ask)
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var waited = Stopwatch.StartNew();
        while (seen.Count < 2 && waited.Elapsed < Patience)
        {
            if (await ask() is { Length: > 0 } answer)
            {
                seen.Add(answer);
            }
            else
            {
                await Task.Delay(200);
            }
        }

        return [.. seen];
    }

    /// <summary>One request on a fresh connection (each one is balanced anew); null when it fails.</summary>
    private static async Task<string?> HttpGetAsync(string url)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            return (await http.GetStringAsync(new Uri(url))).Trim();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>The proxy's table as nft lists it; empty when it does not exist.</summary>
    private static async Task<string> ListTableAsync(string table)
    {
        var result = await HostCommand.RunAsync("nft", ["list", "table", "ip", table]);
        return result.Succeeded ? result.StandardOutput : "";
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done)
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
                Assert.Fail($"gave up waiting; last value: {(value is null ? "null" : value as string ?? KubeJson.Serialize(value))}");
            }

            await Task.Delay(200);
        }
    }

    private static void DeleteDirectory(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"Could not delete {directory}: {e.Message}");
        }
    }
}
