using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using KubeSharp.Api;
using KubeSharp.Api.Coordination.V1;
using KubeSharp.Api.Core.V1;
using KubeSharp.ApiServer;
using KubeSharp.ApiServer.Registry.Strategies;
using KubeSharp.Client;
using KubeSharp.Client.Configuration;
using KubeSharp.Node.Agent;
using KubeSharp.Node.Pods;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;
using NodeObject = KubeSharp.Api.Core.V1.Node;

namespace KubeSharp.Node.Tests;

/// <summary>
/// A real API server (in-process, on a free port) and a real node agent with its own containerd: the agent registers
/// its node, runs a pod bound to it, reports the pod's status as Kubernetes does, and tears it down on deletion.
/// </summary>
public sealed class NodeAgentIntegrationTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [RootWithContainerdFact]
    public async Task A_bound_two_container_pod_sharing_an_emptyDir_runs_and_is_removed_with_its_sandbox_when_deleted()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var dataDirectory = Path.Combine("/tmp", "ks-agent-" + id);
        var nodeName = "node-" + id;
        var cgroupRoot = "/kubesharp-test-" + id;
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(new TestOutputLoggerProvider(output)).SetMinimumLevel(LogLevel.Information));
        var images = await TestImages.BuildAsync();
        var serverOptions = new ApiServerOptions { DataDir = Path.Combine(dataDirectory, "server"), HttpsPort = TestHost.FreePort(), BindAddress = IPAddress.Loopback };
        var server = new ApiServerHost(serverOptions, loggerFactory);
        NodeAgent? agent = null;
        try
        {
            await server.StartAsync(BuiltInStrategies.Create(), _ => { }, CancellationToken.None);
            var agentOptions = new NodeAgentOptions(nodeName, dataDirectory)
            {
                PodCidr = $"10.212.{Random.Shared.Next(1, 254)}.0/24",
                NetworkName = "kubesharp-agent-" + id,
                BridgeName = "ksag" + id[..6],
                CgroupRoot = cgroupRoot,
                RemovePodsOnStop = true,
            };
            Directory.CreateDirectory(agentOptions.ImagesDirectory);
            File.Copy(images.Pause, Path.Combine(agentOptions.ImagesDirectory, "pause.tar"));
            File.Copy(images.Busybox, Path.Combine(agentOptions.ImagesDirectory, "busybox.tar"));

            agent = NodeAgent.FromKubeconfig(agentOptions, serverOptions.KubeconfigPath, loggerFactory);
            await agent.StartAsync(CancellationToken.None);
            using var client = new KubernetesClient(KubernetesClientConfiguration.FromKubeConfig(serverOptions.KubeconfigPath));

            var node = await client.GetAsync<NodeObject>(nodeName);
            var ready = Assert.Single(node.Status!.Conditions!, c => c.Type == "Ready");
            Assert.Equal(("True", "KubeletReady", "kubelet is posting ready status"), (ready.Status, ready.Reason, ready.Message));
            Assert.Equal(["MemoryPressure", "DiskPressure", "PIDPressure", "Ready"], node.Status.Conditions!.Select(c => c.Type));
            Assert.Equal("110", node.Status.Capacity!["pods"].ToString());
            Assert.Equal("v1.32.4-kubesharp", node.Status.NodeInfo!.KubeletVersion);
            Assert.StartsWith("containerd://", node.Status.NodeInfo.ContainerRuntimeVersion, StringComparison.Ordinal);
            Assert.Equal(["InternalIP", "Hostname"], node.Status.Addresses!.Select(a => a.Type));
            var lease = await client.GetAsync<Lease>(nodeName, "kube-node-lease");
            Assert.Equal(nodeName, lease.Spec!.HolderIdentity);

            var pod = await client.CreateAsync(new Pod
            {
                Metadata = new ObjectMeta { Name = "pair", Namespace = "default", Labels = new() { ["app"] = "pair" } },
                Spec = new PodSpec
                {
                    NodeName = nodeName,
                    TerminationGracePeriodSeconds = 1,
                    Volumes = [new Volume { Name = "shared", EmptyDir = new EmptyDirVolumeSource() }],
                    Containers =
                    [
                        Busybox("writer", "echo hello-from-$(POD_NAME) > /shared/greeting; exec sleep 3600"),
                        Busybox("reader", "until [ -f /shared/greeting ]; do sleep 0.1; done; cat /shared/greeting; exec sleep 3600"),
                    ],
                },
            });
            var uid = pod.Metadata!.Uid!;

            var running = await WaitForAsync(
                () => client.TryGetAsync<Pod>("pair", "default"),
                p => p?.Status?.Phase == "Running" && p.Status.PodIP is not null && p.Status.ContainerStatuses?.Count == 2 && p.Status.ContainerStatuses.All(c => c.Ready == true));
            var status = running!.Status!;
            Assert.True(IPNetwork.Parse(agentOptions.PodCidr).Contains(IPAddress.Parse(status.PodIP!)), status.PodIP);
            Assert.Equal(status.PodIP, Assert.Single(status.PodIPs!).Ip);
            Assert.Equal(status.HostIP, Assert.Single(status.HostIPs!).Ip);
            Assert.Equal("BestEffort", status.QosClass);
            Assert.NotNull(status.StartTime);
            Assert.Equal(
                ["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"],
                status.Conditions!.Select(c => c.Type));
            Assert.All(status.Conditions!, c => Assert.Equal("True", c.Status));
            Assert.All(status.ContainerStatuses!, c =>
            {
                Assert.NotNull(c.State!.Running);
                Assert.StartsWith("containerd://", c.ContainerID, StringComparison.Ordinal);
                Assert.Equal("docker.io/library/busybox:latest", c.Image);
                Assert.False(string.IsNullOrEmpty(c.ImageID));
                Assert.Equal(0, c.RestartCount);
                Assert.True(c.Started);
            });

            var readerLog = Path.Combine(agentOptions.LogsDirectory, $"default_pair_{uid}", "reader", "0.log");
            var log = await WaitForAsync(() => Task.FromResult(File.Exists(readerLog) ? File.ReadAllText(readerLog) : ""), l => l.Contains("hello-from-pair", StringComparison.Ordinal));
            Assert.Contains(" stdout F hello-from-pair", log, StringComparison.Ordinal);
            using (var logs = new MemoryStream())
            {
                await agent.WriteContainerLogAsync("default", "pair", "reader", new ContainerLogOptions(), logs, CancellationToken.None);
                Assert.Equal("hello-from-pair\n", System.Text.Encoding.UTF8.GetString(logs.ToArray()));
            }

            var events = await WaitForAsync(
                async () => (await client.ListAsync<Event>("default")).Items,
                items => items.Count(e => e.InvolvedObject?.Name == "pair" && e.Reason == "Started") == 2);
            Assert.Contains(events, e => e.Reason == "Created" && e.Message == "Created container: writer" && e.InvolvedObject!.FieldPath == "spec.containers{writer}" && e.Source!.Component == "kubelet");

            var exec = await agent.GetExecUrlAsync("default", "pair", "reader", ["cat", "/shared/greeting"], false, true, true, false, CancellationToken.None);
            Assert.Equal("127.0.0.1", exec.Host);

            await client.DeleteAsync<Pod>("pair", "default");
            await WaitForAsync(() => client.TryGetAsync<Pod>("pair", "default"), p => p is null);
            Assert.Empty(await agent.Containerd!.Runtime.ListPodSandboxAsync());
            Assert.False(Directory.Exists(Path.Combine(agentOptions.PodsDirectory, uid)), "the pod directory is removed");
        }
        finally
        {
            if (agent is not null)
            {
                await agent.DisposeAsync();
            }

            await server.DisposeAsync();
            TestHost.RemoveCgroupRoot(cgroupRoot);
            DeleteDirectory(dataDirectory);
        }
    }

    [RootWithContainerdFact]
    public async Task A_restarted_agent_adopts_running_pods_and_crashing_or_unhealthy_containers_are_restarted()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var dataDirectory = Path.Combine("/tmp", "ks-agent-" + id);
        var nodeName = "node-" + id;
        var cgroupRoot = "/kubesharp-test-" + id;
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(new TestOutputLoggerProvider(output)).SetMinimumLevel(LogLevel.Information));
        var images = await TestImages.BuildAsync();
        var serverOptions = new ApiServerOptions { DataDir = Path.Combine(dataDirectory, "server"), HttpsPort = TestHost.FreePort(), BindAddress = IPAddress.Loopback };
        var server = new ApiServerHost(serverOptions, loggerFactory);
        NodeAgent? agent = null;
        try
        {
            await server.StartAsync(BuiltInStrategies.Create(), _ => { }, CancellationToken.None);
            var agentOptions = new NodeAgentOptions(nodeName, dataDirectory)
            {
                PodCidr = $"10.213.{Random.Shared.Next(1, 254)}.0/24",
                NetworkName = "kubesharp-agent-" + id,
                BridgeName = "ksag" + id[..6],
                CgroupRoot = cgroupRoot,
            };
            Directory.CreateDirectory(agentOptions.ImagesDirectory);
            File.Copy(images.Pause, Path.Combine(agentOptions.ImagesDirectory, "pause.tar"));
            File.Copy(images.Busybox, Path.Combine(agentOptions.ImagesDirectory, "busybox.tar"));
            agent = NodeAgent.FromKubeconfig(agentOptions, serverOptions.KubeconfigPath, loggerFactory);
            await agent.StartAsync(CancellationToken.None);
            using var client = new KubernetesClient(KubernetesClientConfiguration.FromKubeConfig(serverOptions.KubeconfigPath));

            await client.CreateAsync(new Pod
            {
                Metadata = new ObjectMeta { Name = "survivor", Namespace = "default" },
                Spec = new PodSpec { NodeName = nodeName, TerminationGracePeriodSeconds = 1, Containers = [new Container { Name = "main", Image = "busybox", Command = ["sleep", "3600"] }] },
            });
            await client.CreateAsync(new Pod
            {
                Metadata = new ObjectMeta { Name = "unhealthy", Namespace = "default" },
                Spec = new PodSpec
                {
                    NodeName = nodeName,
                    TerminationGracePeriodSeconds = 1,
                    Containers =
                    [
                        new Container
                        {
                            Name = "main",
                            Image = "busybox",
                            Command = ["sleep", "3600"],
                            LivenessProbe = new Probe { Exec = new ExecAction { Command = ["test", "-f", "/tmp/healthy"] }, PeriodSeconds = 1, FailureThreshold = 1 },
                        },
                    ],
                },
            });
            await client.CreateAsync(new Pod
            {
                Metadata = new ObjectMeta { Name = "crasher", Namespace = "default" },
                Spec = new PodSpec { NodeName = nodeName, Containers = [new Container { Name = "main", Image = "busybox", Command = ["sh", "-c", "exit 3"] }] },
            });

            var before = await WaitForAsync(() => client.TryGetAsync<Pod>("survivor", "default"), p => p?.Status?.ContainerStatuses?.SingleOrDefault()?.Ready == true);
            var crashing = await WaitForAsync(
                () => client.TryGetAsync<Pod>("crasher", "default"),
                p => p?.Status?.ContainerStatuses?.SingleOrDefault()?.State?.Waiting?.Reason == "CrashLoopBackOff");
            var crashed = crashing!.Status!.ContainerStatuses![0];
            Assert.Equal("Running", crashing.Status.Phase);
            Assert.StartsWith("back-off 10s restarting failed container=main pod=crasher_default(", crashed.State!.Waiting!.Message, StringComparison.Ordinal);
            Assert.Equal((3, "Error"), (crashed.LastState!.Terminated!.ExitCode, crashed.LastState.Terminated.Reason));
            Assert.True(crashed.RestartCount >= 1);

            var restarted = await WaitForAsync(() => client.TryGetAsync<Pod>("unhealthy", "default"), p => p?.Status?.ContainerStatuses?.SingleOrDefault()?.RestartCount >= 1);
            Assert.NotNull(restarted!.Status!.ContainerStatuses![0].LastState!.Terminated);

            await agent.DisposeAsync();
            agent = NodeAgent.FromKubeconfig(agentOptions with { RemovePodsOnStop = true }, serverOptions.KubeconfigPath, loggerFactory);
            await agent.StartAsync(CancellationToken.None);
            await WaitForAsync(() => Task.FromResult(agent.PodWorkerCount), count => count == 3);
            var after = await WaitForAsync(() => client.TryGetAsync<Pod>("survivor", "default"), p => p?.Status?.ContainerStatuses?.SingleOrDefault()?.Ready == true);

            Assert.Equal(before!.Status!.ContainerStatuses![0].ContainerID, after!.Status!.ContainerStatuses![0].ContainerID);
            Assert.Equal(0, after.Status.ContainerStatuses[0].RestartCount);
            Assert.Equal(before.Status.PodIP, after.Status.PodIP);
            Assert.Equal(3, (await agent.Containerd!.Runtime.ListPodSandboxAsync()).Count);
        }
        finally
        {
            if (agent is not null)
            {
                await agent.DisposeAsync();
            }

            await server.DisposeAsync();
            TestHost.RemoveCgroupRoot(cgroupRoot);
            DeleteDirectory(dataDirectory);
        }
    }

    [RootWithContainerdFact]
    public async Task Init_containers_configMap_volumes_and_environment_references_reach_the_container()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var dataDirectory = Path.Combine("/tmp", "ks-agent-" + id);
        var nodeName = "node-" + id;
        var cgroupRoot = "/kubesharp-test-" + id;
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(new TestOutputLoggerProvider(output)).SetMinimumLevel(LogLevel.Information));
        var images = await TestImages.BuildAsync();
        var serverOptions = new ApiServerOptions { DataDir = Path.Combine(dataDirectory, "server"), HttpsPort = TestHost.FreePort(), BindAddress = IPAddress.Loopback };
        var server = new ApiServerHost(serverOptions, loggerFactory);
        NodeAgent? agent = null;
        try
        {
            await server.StartAsync(BuiltInStrategies.Create(), _ => { }, CancellationToken.None);
            var agentOptions = new NodeAgentOptions(nodeName, dataDirectory)
            {
                PodCidr = $"10.214.{Random.Shared.Next(1, 254)}.0/24",
                NetworkName = "kubesharp-agent-" + id,
                BridgeName = "ksag" + id[..6],
                CgroupRoot = cgroupRoot,
                RemovePodsOnStop = true,
            };
            Directory.CreateDirectory(agentOptions.ImagesDirectory);
            File.Copy(images.Pause, Path.Combine(agentOptions.ImagesDirectory, "pause.tar"));
            File.Copy(images.Busybox, Path.Combine(agentOptions.ImagesDirectory, "busybox.tar"));
            agent = NodeAgent.FromKubeconfig(agentOptions, serverOptions.KubeconfigPath, loggerFactory);
            await agent.StartAsync(CancellationToken.None);
            using var client = new KubernetesClient(KubernetesClientConfiguration.FromKubeConfig(serverOptions.KubeconfigPath));

            await client.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "settings", Namespace = "default" }, Data = new() { ["greeting"] = "hello", ["app.conf"] = "port=8080" } });
            await client.CreateAsync(new Pod
            {
                Metadata = new ObjectMeta { Name = "configured", Namespace = "default" },
                Spec = new PodSpec
                {
                    NodeName = nodeName,
                    TerminationGracePeriodSeconds = 1,
                    Volumes =
                    [
                        new Volume { Name = "work", EmptyDir = new EmptyDirVolumeSource() },
                        new Volume { Name = "settings", ConfigMap = new ConfigMapVolumeSource { Name = "settings" } },
                        new Volume
                        {
                            Name = "kube-api-access",
                            Projected = new ProjectedVolumeSource
                            {
                                Sources =
                                [
                                    new VolumeProjection { ServiceAccountToken = new ServiceAccountTokenProjection { Path = "token", ExpirationSeconds = 3607 } },
                                    new VolumeProjection { ConfigMap = new ConfigMapProjection { Name = "kube-root-ca.crt", Items = [new KeyToPath { Key = "ca.crt", Path = "ca.crt" }] } },
                                    new VolumeProjection { DownwardAPI = new DownwardAPIProjection { Items = [new DownwardAPIVolumeFile { Path = "namespace", FieldRef = new ObjectFieldSelector { FieldPath = "metadata.namespace" } }] } },
                                ],
                            },
                        },
                    ],
                    InitContainers =
                    [
                        new Container { Name = "prepare", Image = "busybox", Command = ["sh", "-c", "echo prepared > /work/state"], VolumeMounts = [new VolumeMount { Name = "work", MountPath = "/work" }] },
                    ],
                    Containers =
                    [
                        new Container
                        {
                            Name = "main",
                            Image = "busybox",
                            Command = ["sh", "-c", "echo \"$(GREETING) $NODE $(cat /work/state) $(cat /etc/settings/app.conf) $KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT\"; cd /var/run/secrets/kubernetes.io/serviceaccount; test -s token && echo \"token $(cat namespace) $(head -1 ca.crt)\"; exec sleep 3600"],
                            Env =
                            [
                                new EnvVar { Name = "GREETING", ValueFrom = new EnvVarSource { ConfigMapKeyRef = new ConfigMapKeySelector { Name = "settings", Key = "greeting" } } },
                                new EnvVar { Name = "NODE", ValueFrom = new EnvVarSource { FieldRef = new ObjectFieldSelector { FieldPath = "spec.nodeName" } } },
                            ],
                            VolumeMounts =
                            [
                                new VolumeMount { Name = "work", MountPath = "/work" },
                                new VolumeMount { Name = "settings", MountPath = "/etc/settings" },
                                new VolumeMount { Name = "kube-api-access", MountPath = "/var/run/secrets/kubernetes.io/serviceaccount", ReadOnly = true },
                            ],
                            ReadinessProbe = new Probe { Exec = new ExecAction { Command = ["test", "-f", "/work/state"] }, PeriodSeconds = 1 },
                        },
                    ],
                },
            });

            var running = await WaitForAsync(() => client.TryGetAsync<Pod>("configured", "default"), p => p?.Status?.ContainerStatuses?.SingleOrDefault()?.Ready == true);
            var init = Assert.Single(running!.Status!.InitContainerStatuses!);
            Assert.Equal(("Completed", 0), (init.State!.Terminated!.Reason, init.State.Terminated.ExitCode));
            Assert.Equal("True", running.Status.Conditions!.Single(c => c.Type == "Initialized").Status);

            using var logs = new MemoryStream();
            await WaitForAsync(
                async () =>
                {
                    logs.SetLength(0);
                    await agent.WriteContainerLogAsync("default", "configured", null, new ContainerLogOptions(), logs, CancellationToken.None);
                    return System.Text.Encoding.UTF8.GetString(logs.ToArray());
                },
                text => text.Contains("token", StringComparison.Ordinal));
            Assert.Equal($"hello {nodeName} prepared port=8080 10.43.0.1:443\ntoken default -----BEGIN CERTIFICATE-----\n", System.Text.Encoding.UTF8.GetString(logs.ToArray()));
        }
        finally
        {
            if (agent is not null)
            {
                await agent.DisposeAsync();
            }

            await server.DisposeAsync();
            TestHost.RemoveCgroupRoot(cgroupRoot);
            DeleteDirectory(dataDirectory);
        }
    }

    private static Container Busybox(string name, string script) => new()
    {
        Name = name,
        Image = "busybox",
        Command = ["sh", "-c", script],
        Env = [new EnvVar { Name = "POD_NAME", ValueFrom = new EnvVarSource { FieldRef = new ObjectFieldSelector { FieldPath = "metadata.name" } } }],
        VolumeMounts = [new VolumeMount { Name = "shared", MountPath = "/shared" }],
    };

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
                Assert.Fail($"gave up waiting; last value: {(value is null ? "null" : KubeJson.Serialize(value))}");
            }

            await Task.Delay(200);
        }
    }

    // The per-test cgroup root (its pods' cgroups are removed by the agent) in every v1 hierarchy.

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
