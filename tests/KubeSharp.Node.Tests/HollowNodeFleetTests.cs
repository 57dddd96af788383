using System.Net;
using System.Net.Sockets;
using KubeSharp.Api;
using KubeSharp.Api.Coordination.V1;
using KubeSharp.Api.Core.V1;
using KubeSharp.ApiServer;
using KubeSharp.ApiServer.Registry.Strategies;
using KubeSharp.Client;
using KubeSharp.Client.Configuration;
using KubeSharp.Node.Hollow;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;
using NodeObject = KubeSharp.Api.Core.V1.Node;

namespace KubeSharp.Node.Tests;

/// <summary>A real API server in-process and a fleet of hollow nodes (no containerd, no root).</summary>
public sealed class HollowNodeFleetTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public void A_hollow_node_is_labelled_as_simulated_and_reports_the_configured_capacity_ready()
    {
        var node = new HollowNode(new HollowNodeOptions { NamePrefix = "h-", Cpu = "4", Memory = "16Gi", PodsPerNode = 110 }, 3, "10.1.0.0/24");
        var registered = node.NewNode();
        Assert.Equal("h-3", registered.Metadata!.Name);
        Assert.Equal("true", registered.Metadata.Labels![HollowNodeOptions.HollowLabel]);
        Assert.Equal("h-3", registered.Metadata.Labels["kubernetes.io/hostname"]);

        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        var status = node.BuildStatus(null, now);
        Assert.Equal("4", status.Capacity!["cpu"].ToString());
        Assert.Equal("16Gi", status.Allocatable!["memory"].ToString());
        Assert.Equal("110", status.Capacity["pods"].ToString());
        Assert.Equal("True", status.Conditions!.Single(c => c.Type == "Ready").Status);

        var later = node.BuildStatus(status, now.AddMinutes(1));
        var ready = later.Conditions!.Single(c => c.Type == "Ready");
        Assert.Equal(now, ready.LastTransitionTime);
        Assert.Equal(now.AddMinutes(1), ready.LastHeartbeatTime);
    }

    [Fact]
    public async Task Hollow_nodes_register_hold_leases_run_bound_pods_with_an_ip_from_their_cidr_and_finish_deletions()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var dataDirectory = Path.Combine("/tmp", "ks-hollow-" + id);
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(new TestOutputLoggerProvider(output)).SetMinimumLevel(LogLevel.Information));
        var serverOptions = new ApiServerOptions { DataDir = Path.Combine(dataDirectory, "server"), HttpsPort = TestHost.FreePort(), BindAddress = IPAddress.Loopback };
        var server = new ApiServerHost(serverOptions, loggerFactory);
        try
        {
            await server.StartAsync(BuiltInStrategies.Create(), _ => { }, CancellationToken.None);
            using var client = new KubernetesClient(KubernetesClientConfiguration.FromKubeConfig(serverOptions.KubeconfigPath));
            var options = new HollowNodeOptions { Count = 3, NamePrefix = $"hollow-{id}-" };
            await using (var fleet = new HollowNodeFleet(client, options, loggerFactory))
            {
                await fleet.StartAsync(CancellationToken.None);

                var nodes = (await client.ListAsync<NodeObject>(options: new ListOptions { LabelSelector = "kubesharp.io/hollow=true" })).Items;
                Assert.Equal(3, nodes.Count);
                Assert.All(nodes, n => Assert.Equal("True", n.Status!.Conditions!.Single(c => c.Type == "Ready").Status));
                var lease = await client.GetAsync<Lease>(options.NodeName(1), "kube-node-lease");
                Assert.Equal(options.NodeName(1), lease.Spec!.HolderIdentity);

                var pod = await client.CreateAsync(new Pod
                {
                    Metadata = new ObjectMeta { Name = "p-" + id, Namespace = "default" },
                    Spec = new PodSpec { NodeName = options.NodeName(1), Containers = [new Container { Name = "c", Image = "busybox" }] },
                });
                var running = await EventuallyAsync(async () =>
                {
                    var p = await client.GetAsync<Pod>(pod.Metadata!.Name!, "default");
                    return p.Status?.Phase == "Running" ? p : null;
                });
                var cidr = nodes.Single(n => n.Metadata!.Name == options.NodeName(1)).Spec?.PodCIDR is { Length: > 0 } assigned
                    ? assigned
                    : Ipv4Cidr.Subnet(options.FallbackPodCidrRange, HollowNodeFleet.StableHash(options.NamePrefix) + 1, 24);
                var podIP = running.Status!.PodIP!;
                Assert.Equal(cidr[..cidr.LastIndexOf('.')], podIP[..podIP.LastIndexOf('.')]);
                Assert.Equal("True", running.Status.Conditions!.Single(c => c.Type == "Ready").Status);
                Assert.True(running.Status.ContainerStatuses!.Single().Ready);
                Assert.NotNull(running.Status.ContainerStatuses!.Single().State!.Running);

                await client.DeleteAsync<Pod>(pod.Metadata!.Name!, "default");
                await EventuallyAsync(async () => await client.TryGetAsync<Pod>(pod.Metadata.Name!, "default") is null ? "gone" : null);
                Assert.Equal(0, fleet.HeartbeatFailures);
            }
        }
        finally
        {
            await server.DisposeAsync();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe)
        where T : class
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, "condition not reached before the deadline");
            await Task.Delay(200);
        }
    }
}
