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
using Xunit.Abstractions;

namespace KubeSharp.Node.Tests;

/// <summary>
/// A node agent whose only images come from a local registry (Debian's docker-registry on a free loopback port)
/// mirrored for docker.io through &lt;data-dir&gt;/registries.yaml: pulls go through CRI, a missing image is
/// ErrImagePull then ImagePullBackOff with the registry's answer, and a container over its memory limit is OOMKilled.
/// </summary>
public sealed class ImagePullIntegrationTests(ITestOutputHelper output)
{
    private const string RegistryBinary = "/usr/bin/docker-registry";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [RootWithContainerdFact]
    public async Task Images_are_pulled_through_the_registries_yaml_mirror_and_failures_are_reported_as_the_kubelet_does()
    {
        if (!File.Exists(RegistryBinary))
        {
            output.WriteLine($"{RegistryBinary} is missing (apt-get install docker-registry); nothing to test against.");
            return;
        }

        var id = Guid.NewGuid().ToString("N")[..8];
        var dataDirectory = Path.Combine("/tmp", "ks-pull-" + id);
        var nodeName = "pull-" + id;
        var cgroupRoot = "/kubesharp-pull-" + id;
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(new TestOutputLoggerProvider(output)).SetMinimumLevel(LogLevel.Information));
        var images = await TestImages.BuildAsync();
        var registryPort = TestHost.FreePort();
        Directory.CreateDirectory(dataDirectory);
        using var registry = await StartRegistryAsync(dataDirectory, registryPort);
        var serverOptions = new ApiServerOptions { DataDir = Path.Combine(dataDirectory, "server"), HttpsPort = TestHost.FreePort(), BindAddress = IPAddress.Loopback };
        var server = new ApiServerHost(serverOptions, loggerFactory);
        NodeAgent? agent = null;
        try
        {
            foreach (var name in new[] { "library/busybox:latest", "library/mirrored:v1" })
            {
                var push = await HostCommand.RunAsync("skopeo", ["copy", "--quiet", "--dest-tls-verify=false", "docker-archive:" + images.Busybox, $"docker://127.0.0.1:{registryPort}/{name}"]);
                Assert.True(push.Succeeded, push.StandardError);
            }

            await server.StartAsync(BuiltInStrategies.Create(), _ => { }, CancellationToken.None);
            var agentOptions = new NodeAgentOptions(nodeName, dataDirectory)
            {
                PodCidr = $"10.215.{Random.Shared.Next(1, 254)}.0/24",
                NetworkName = "kubesharp-pull-" + id,
                BridgeName = "kspl" + id[..6],
                CgroupRoot = cgroupRoot,
                RemovePodsOnStop = true,
            };
            await File.WriteAllTextAsync(agentOptions.RegistriesFile, $"mirrors:\n  docker.io:\n    endpoint:\n      - \"http://127.0.0.1:{registryPort}\"\n");
            Directory.CreateDirectory(agentOptions.ImagesDirectory);
            File.Copy(images.Pause, Path.Combine(agentOptions.ImagesDirectory, "pause.tar"));

            agent = NodeAgent.FromKubeconfig(agentOptions, serverOptions.KubeconfigPath, loggerFactory);
            await agent.StartAsync(CancellationToken.None);
            using var client = new KubernetesClient(KubernetesClientConfiguration.FromKubeConfig(serverOptions.KubeconfigPath));

            await client.CreateAsync(Pod("mirrored", nodeName, new Container { Name = "main", Image = "mirrored:v1", Command = ["sleep", "3600"] }));
            await client.CreateAsync(Pod("missing", nodeName, new Container { Name = "main", Image = "missing:v1", Command = ["sleep", "3600"] }));
            await client.CreateAsync(Pod("hungry", nodeName, new Container
            {
                Name = "main",
                Image = "busybox",
                ImagePullPolicy = "Always",
                Command = ["sh", "-c", "head -c 100m /dev/zero | tail"],
                Resources = new ResourceRequirements { Limits = new() { ["memory"] = Quantity.Parse("20Mi") } },
            }));

            var mirrored = await WaitForAsync(
                () => client.GetAsync<Pod>("mirrored", "default"),
                p => p.Status?.Phase == "Running" || p.Status?.ContainerStatuses?.FirstOrDefault()?.State?.Waiting?.Reason == "ErrImagePull");
            Assert.True(mirrored.Status!.Phase == "Running", mirrored.Status.ContainerStatuses![0].State!.Waiting?.Message);
            Assert.Equal("docker.io/library/mirrored:v1", mirrored.Status!.ContainerStatuses![0].Image);
            var events = await WaitForAsync(
                async () => (await client.ListAsync<Event>("default")).Items,
                items => items.Any(e => e.InvolvedObject?.Name == "mirrored" && e.Reason == "Pulled"));
            Assert.Contains(events, e => e.InvolvedObject?.Name == "mirrored" && e.Reason == "Pulled" && e.Message!.StartsWith("Successfully pulled image \"mirrored:v1\"", StringComparison.Ordinal));

            // ErrImagePull lasts only until the next sync turns it into ImagePullBackOff, so its text is read from the
            // event that reports it (the same message the waiting state carries).
            var pullEvents = await WaitForAsync(
                async () => (await client.ListAsync<Event>("default")).Items,
                items => items.Any(e => e.InvolvedObject?.Name == "missing" && e.Message == "Error: ErrImagePull")
                    && items.Any(e => e.InvolvedObject?.Name == "missing" && e.Message!.StartsWith("Failed to pull image", StringComparison.Ordinal)));
            var failed = pullEvents.First(e => e.InvolvedObject?.Name == "missing" && e.Message!.StartsWith("Failed to pull image", StringComparison.Ordinal)).Message!;
            Assert.StartsWith("Failed to pull image \"missing:v1\": rpc error: code = NotFound desc = failed to pull and unpack image \"docker.io/library/missing:v1\"", failed, StringComparison.Ordinal);
            Assert.Contains("not found", failed, StringComparison.Ordinal);
            var backOff = await WaitForAsync(
                () => client.GetAsync<Pod>("missing", "default"),
                p => p.Status?.ContainerStatuses?.FirstOrDefault()?.State?.Waiting?.Reason == "ImagePullBackOff");
            Assert.Equal("Back-off pulling image \"missing:v1\"", backOff.Status!.ContainerStatuses![0].State!.Waiting!.Message);

            var oom = await WaitForAsync(() => client.GetAsync<Pod>("hungry", "default"), p => p.Status?.Phase == "Failed");
            var terminated = oom.Status!.ContainerStatuses![0].State!.Terminated!;
            Assert.Equal(("OOMKilled", 137), (terminated.Reason, terminated.ExitCode));
        }
        finally
        {
            if (agent is not null)
            {
                await agent.DisposeAsync();
            }

            await server.DisposeAsync();
            TestHost.RemoveCgroupRoot(cgroupRoot);
            try
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
            catch (IOException e)
            {
                output.WriteLine($"Could not delete {dataDirectory}: {e.Message}");
            }
        }
    }

    private static Pod Pod(string name, string nodeName, Container container) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "default" },
        Spec = new PodSpec { NodeName = nodeName, RestartPolicy = "Never", TerminationGracePeriodSeconds = 1, Containers = [container] },
    };

    /// <summary>A registry with a configuration of its own (the packaged one turns on password auth), storage under the test's directory.</summary>
    private static async Task<RegistryProcess> StartRegistryAsync(string dataDirectory, int port)
    {
        var config = Path.Combine(dataDirectory, "registry.yml");
        await File.WriteAllTextAsync(config, $"version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: {Path.Combine(dataDirectory, "registry")}\nhttp:\n  addr: 127.0.0.1:{port}\n");
        var process = Process.Start(new ProcessStartInfo(RegistryBinary) { ArgumentList = { "serve", config }, RedirectStandardError = true, RedirectStandardOutput = true })!;
        process.ErrorDataReceived += (_, _) => { };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        using var http = new HttpClient();
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/v2/"));
                if (response.IsSuccessStatusCode)
                {
                    return new RegistryProcess(process);
                }
            }
            catch (HttpRequestException) when (waited.Elapsed < TimeSpan.FromSeconds(20) && !process.HasExited)
            {
            }

            await Task.Delay(100);
        }
    }

    private sealed class RegistryProcess(Process process) : IDisposable
    {
        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit();
            }

            process.Dispose();
        }
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
                Assert.Fail($"gave up waiting; last value: {(value is null ? "null" : KubeJson.Serialize(value))}");
            }

            await Task.Delay(200);
        }
    }
}
