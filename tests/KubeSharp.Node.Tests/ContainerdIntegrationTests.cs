using System.Diagnostics;
using System.Net;
using KubeSharp.Grpc;
using KubeSharp.Node.Cni;
using KubeSharp.Node.Containerd;
using KubeSharp.Node.Cri.V1;

namespace KubeSharp.Node.Tests;

/// <summary>
/// Runs a real pod through a private containerd: CNI networking, two containers sharing a host directory and
/// localhost, exec, logs and complete clean-up. Uses its own data directory, bridge and network name.
/// </summary>
public sealed class ContainerdIntegrationTests
{
    [RootWithContainerdFact]
    public async Task A_pod_with_two_containers_shares_a_volume_and_localhost_and_is_cleaned_up_completely()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var dataDirectory = Path.Combine("/tmp", "ks-node-" + id);
        var network = new CniNetwork("kubesharp-test-" + id, "ksbr" + id[..6], $"10.211.{Random.Shared.Next(1, 254)}.0/24");
        var podUid = Guid.NewGuid().ToString();
        var cgroupParent = $"/kubesharp-test/pod{podUid}";
        var images = await TestImages.BuildAsync();
        ContainerdSupervisor? containerd = null;
        try
        {
            containerd = await ContainerdSupervisor.StartAsync(new ContainerdOptions(dataDirectory));
            await network.WriteAsync(containerd.Options.CniConfDirectory);
            await containerd.ImportImageArchiveAsync(images.Pause);
            await containerd.ImportImageArchiveAsync(images.Busybox);
            Assert.NotNull(await containerd.Images.ImageStatusAsync("docker.io/library/busybox:latest"));
            var runtime = containerd.Runtime;

            var logDirectory = Path.Combine(dataDirectory, "pods", podUid);
            var volume = Path.Combine(dataDirectory, "volumes", "shared");
            Directory.CreateDirectory(logDirectory);
            Directory.CreateDirectory(volume);
            var sandboxConfig = new PodSandboxConfig
            {
                Metadata = new PodSandboxMetadata { Name = "pair", Namespace = "default", Uid = podUid },
                Hostname = "pair",
                LogDirectory = logDirectory,
                Linux = new LinuxPodSandboxConfig { CgroupParent = cgroupParent },
            };

            var sandboxId = await runtime.RunPodSandboxAsync(sandboxConfig);

            var sandbox = await runtime.PodSandboxStatusAsync(sandboxId);
            Assert.Equal(PodSandboxState.SandboxReady, sandbox.Status.State);
            Assert.True(IPNetwork.Parse(network.PodCidr).Contains(IPAddress.Parse(sandbox.Status.Network.Ip)), sandbox.Status.Network.Ip);

            var writerId = await CreateAndStartAsync(
                "writer",
                "echo hello-from-writer > /shared/greeting; echo served-over-localhost | nc -l -p 8080; exec sleep 3600");
            var readerId = await CreateAndStartAsync(
                "reader",
                "until [ -f /shared/greeting ]; do sleep 0.1; done; cat /shared/greeting; " +
                "until nc 127.0.0.1 8080 </dev/null; do sleep 0.2; done; exec sleep 3600");

            var readerLog = await WaitForLogAsync(Path.Combine(logDirectory, "reader.log"), "served-over-localhost");
            Assert.Contains(" stdout F hello-from-writer", readerLog, StringComparison.Ordinal);
            Assert.Contains(" stdout F served-over-localhost", readerLog, StringComparison.Ordinal);
            Assert.Equal("hello-from-writer\n", await File.ReadAllTextAsync(Path.Combine(volume, "greeting")));

            var exec = await runtime.ExecSyncAsync(readerId, ["sh", "-c", "cat /shared/greeting; hostname; exit 3"], TimeSpan.FromSeconds(30));
            Assert.Equal("hello-from-writer\npair\n", exec.Stdout.ToStringUtf8());
            Assert.Equal(3, exec.ExitCode);

            var containers = await runtime.ListContainersAsync(new ContainerFilter { PodSandboxId = sandboxId });
            Assert.Equal(["reader", "writer"], containers.Select(c => c.Metadata.Name).Order());
            Assert.All(containers, c => Assert.Equal(ContainerState.ContainerRunning, c.State));

            foreach (var containerId in new[] { writerId, readerId })
            {
                await runtime.StopContainerAsync(containerId, TimeSpan.FromSeconds(1));
                var status = await runtime.ContainerStatusAsync(containerId);
                Assert.Equal(ContainerState.ContainerExited, status.Status.State);
                await runtime.RemoveContainerAsync(containerId);
            }

            await runtime.StopPodSandboxAsync(sandboxId);
            await runtime.RemovePodSandboxAsync(sandboxId);
            Assert.Empty(await runtime.ListPodSandboxAsync());
            var missing = await Assert.ThrowsAsync<GrpcException>(() => runtime.ContainerStatusAsync(readerId));
            Assert.Equal(KubeSharp.Grpc.StatusCode.NotFound, missing.StatusCode);

            async Task<string> CreateAndStartAsync(string name, string script)
            {
                var config = new ContainerConfig
                {
                    Metadata = new ContainerMetadata { Name = name },
                    Image = new ImageSpec { Image = "docker.io/library/busybox:latest" },
                    Command = { "sh", "-c", script },
                    LogPath = name + ".log",
                    Mounts = { new Mount { ContainerPath = "/shared", HostPath = volume } },
                };
                var containerId = await runtime.CreateContainerAsync(sandboxId, config, sandboxConfig);
                await runtime.StartContainerAsync(containerId);
                return containerId;
            }
        }
        finally
        {
            if (containerd is not null)
            {
                await RemoveAllSandboxesAsync(containerd);
                await containerd.DisposeAsync();
            }

            await CniHostCleanup.RemoveNetworkAsync(network);
            RemoveCgroups(cgroupParent);
            DeleteDataDirectory(dataDirectory);
        }

        Assert.False(Directory.Exists(Path.Combine("/sys/class/net", network.BridgeName)), "the bridge is gone");
        Assert.False(Directory.Exists(network.LeaseDirectory), "the lease directory is gone");
    }

    private static async Task<string> WaitForLogAsync(string path, string expected)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var content = File.Exists(path) ? await File.ReadAllTextAsync(path) : string.Empty;
            if (content.Contains(expected, StringComparison.Ordinal) || waited.Elapsed > TimeSpan.FromSeconds(30))
            {
                return content;
            }

            await Task.Delay(100);
        }
    }

    private static async Task RemoveAllSandboxesAsync(ContainerdSupervisor containerd)
    {
        try
        {
            foreach (var sandbox in await containerd.Runtime.ListPodSandboxAsync())
            {
                await containerd.Runtime.StopPodSandboxAsync(sandbox.Id);
                await containerd.Runtime.RemovePodSandboxAsync(sandbox.Id);
            }
        }
        catch (GrpcException)
        {
            // containerd is already unhealthy; nothing more can be removed through it.
        }
    }

    // runc leaves the pod's cgroup directories (the kubelet's job); remove them in every v1 hierarchy.
    private static void RemoveCgroups(string cgroupParent)
    {
        if (!Directory.Exists("/sys/fs/cgroup"))
        {
            return;
        }

        foreach (var hierarchy in Directory.EnumerateDirectories("/sys/fs/cgroup"))
        {
            foreach (var relative in new[] { cgroupParent, Path.GetDirectoryName(cgroupParent)! })
            {
                var directory = hierarchy + relative;
                try
                {
                    if (Directory.Exists(directory))
                    {
                        foreach (var child in Directory.EnumerateDirectories(directory))
                        {
                            Directory.Delete(child);
                        }

                        Directory.Delete(directory);
                    }
                }
                catch (IOException)
                {
                    // Still in use by another test's pod; it will be removed by that test.
                }
            }
        }
    }

    private static void DeleteDataDirectory(string dataDirectory)
    {
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"Could not delete {dataDirectory}: {e.Message}");
        }
    }
}

/// <summary>The image archives images/build.sh produces, built once per test run.</summary>
internal static class TestImages
{
    private static readonly Lazy<Task<(string Pause, string Busybox)>> Archives = new(BuildOnceAsync);

    public static Task<(string Pause, string Busybox)> BuildAsync() => Archives.Value;

    private static async Task<(string Pause, string Busybox)> BuildOnceAsync()
    {
        var repository = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(repository, "KubeSharp.slnx")))
        {
            repository = Path.GetDirectoryName(repository) ?? throw new InvalidOperationException("The repository root was not found.");
        }

        // Under the test output (ignored by git) so repeated runs reuse the downloaded packages.
        var output = Path.Combine(AppContext.BaseDirectory, "test-images");
        var result = await HostCommand.RunAsync("bash", [Path.Combine(repository, "images", "build.sh"), output, "pause", "busybox"]);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("images/build.sh failed: " + result.StandardError);
        }

        return (Path.Combine(output, "pause.tar"), Path.Combine(output, "busybox.tar"));
    }
}
