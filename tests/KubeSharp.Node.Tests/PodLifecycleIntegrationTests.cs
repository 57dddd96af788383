using System.Diagnostics;
using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using Xunit;
using ApiContainer = KubeSharp.Api.Core.V1.Container;

namespace KubeSharp.Node.Tests;

/// <summary>
/// Pod lifecycle behaviour on a real node agent and containerd, one agent for the whole class: probes of every
/// kind, graceful termination order (preStop, native sidecars, grace period), volume updates, start errors and
/// crash-loop back-off, and the containers of a pod sharing its network namespace.
/// </summary>
public sealed class PodLifecycleIntegrationTests(AgentFixture cluster) : IClassFixture<AgentFixture>
{
    [RootWithContainerdFact]
    public async Task Probes_of_every_kind_decide_readiness_and_restarts_and_a_startup_probe_holds_liveness_back()
    {
        await cluster.StartAsync();
        await cluster.Client.CreateAsync(Pod("probes", new PodSpec
        {
            TerminationGracePeriodSeconds = 1,
            Containers =
            [
                new ApiContainer
                {
                    Name = "web",
                    Image = "busybox",
                    Command = ["sh", "-c", "mkdir -p /www && echo ok > /www/index.html && exec httpd -f -p 8080 -h /www"],
                    ReadinessProbe = new Probe { HttpGet = new HTTPGetAction { Path = "/index.html", Port = IntOrString.FromInt(8080) }, PeriodSeconds = 1 },
                },
                new ApiContainer
                {
                    Name = "tcp",
                    Image = "busybox",
                    Command = ["sh", "-c", "mkdir -p /www && exec httpd -f -p 9000 -h /www"],
                    ReadinessProbe = new Probe { TcpSocket = new TCPSocketAction { Port = IntOrString.FromInt(9000) }, PeriodSeconds = 1 },
                },
                new ApiContainer
                {
                    Name = "unready",
                    Image = "busybox",
                    Command = ["sleep", "3600"],
                    ReadinessProbe = new Probe { Exec = new ExecAction { Command = ["test", "-f", "/tmp/ready"] }, PeriodSeconds = 1 },
                },
                new ApiContainer
                {
                    Name = "grpc",
                    Image = "busybox",
                    Command = ["sleep", "3600"],
                    LivenessProbe = new Probe { Grpc = new GRPCAction { Port = 9090 }, PeriodSeconds = 1, FailureThreshold = 1 },
                },
                new ApiContainer
                {
                    Name = "slow-start",
                    Image = "busybox",
                    Command = ["sh", "-c", "sleep 4; touch /tmp/started; exec sleep 3600"],
                    StartupProbe = new Probe { Exec = new ExecAction { Command = ["test", "-f", "/tmp/started"] }, PeriodSeconds = 1, FailureThreshold = 30 },
                    LivenessProbe = new Probe { Exec = new ExecAction { Command = ["false"] }, PeriodSeconds = 1, FailureThreshold = 1 },
                },
            ],
        }));

        var pod = await cluster.WaitForPodAsync("probes", p =>
            Status(p, "web")?.Ready == true && Status(p, "tcp")?.Ready == true
            && Status(p, "grpc")?.RestartCount >= 1 && Status(p, "slow-start")?.RestartCount >= 1);

        var status = pod!.Status!;
        Assert.Equal(("False", "ContainersNotReady"), (Condition(pod, "Ready").Status, Condition(pod, "Ready").Reason));
        Assert.Equal(("False", "ContainersNotReady"), (Condition(pod, "ContainersReady").Status, Condition(pod, "ContainersReady").Reason));
        Assert.Contains("unready", Condition(pod, "Ready").Message, StringComparison.Ordinal);
        Assert.DoesNotContain("web", Condition(pod, "Ready").Message, StringComparison.Ordinal);
        Assert.False(Status(pod, "unready")!.Ready);
        Assert.NotNull(Status(pod, "unready")!.State!.Running);
        Assert.Equal(0, Status(pod, "unready")!.RestartCount);

        // The failing liveness probe only counted once the startup probe passed, after the 4 s the container sleeps.
        var firstRun = Status(pod, "slow-start")!.LastState!.Terminated!;
        Assert.True(firstRun.FinishedAt - firstRun.StartedAt >= TimeSpan.FromSeconds(3), $"{firstRun.StartedAt} → {firstRun.FinishedAt}");

        var events = await cluster.WaitForEventsAsync("probes", e => e.Any(x => x.InvolvedObject!.FieldPath == "spec.containers{grpc}" && x.Reason == "Unhealthy"));
        Assert.Contains(events, e => e.InvolvedObject!.FieldPath == "spec.containers{grpc}" && e.Reason == "Unhealthy" && e.Message == "Liveness probe failed" && e.Type == "Warning");
        Assert.Contains(events, e => e.InvolvedObject!.FieldPath == "spec.containers{grpc}" && e.Reason == "Killing" && e.Message == "Container grpc failed liveness probe, will be restarted");
        Assert.Contains(events, e => e.InvolvedObject!.FieldPath == "spec.containers{slow-start}" && e.Message == "Liveness probe failed");
        Assert.DoesNotContain(events, e => e.InvolvedObject!.FieldPath == "spec.containers{slow-start}" && e.Message == "Startup probe failed" && e.Reason == "Killing");

        await cluster.Client.DeleteAsync<Pod>("probes", "default");
    }

    [RootWithContainerdFact]
    public async Task Native_sidecars_start_before_and_stop_after_the_regular_containers_whose_preStop_hook_runs_before_SIGTERM()
    {
        await cluster.StartAsync();
        var logDirectory = Path.Combine(cluster.DataDirectory, "order-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(logDirectory);
        var order = Path.Combine(logDirectory, "order");
        await cluster.Client.CreateAsync(Pod("ordered", new PodSpec
        {
            TerminationGracePeriodSeconds = 10,
            Volumes = [new Volume { Name = "log", HostPath = new HostPathVolumeSource { Path = logDirectory } }],
            InitContainers =
            [
                Looping("proxy", "proxy-start", "proxy-term", "Always", new Probe { Exec = new ExecAction { Command = ["grep", "-q", "proxy-start", "/log/order"] }, PeriodSeconds = 1 }),
                Looping("logger", "logger-start", "logger-term", "Always"),
            ],
            Containers =
            [
                Looping("app", "app-start", "app-term", preStop: ["sh", "-c", "echo app-prestop >> /log/order; sleep 1"]),
            ],
        }));

        var running = await cluster.WaitForPodAsync("ordered", p => Status(p, "app")?.State?.Running is not null);
        Assert.All(running!.Status!.InitContainerStatuses!, s => Assert.NotNull(s.State!.Running));
        Assert.Equal("True", Condition(running, "Initialized").Status);

        await cluster.Client.DeleteAsync<Pod>("ordered", "default");
        await cluster.WaitForPodAsync("ordered", p => p is null);
        Assert.Equal(["proxy-start", "logger-start", "app-start", "app-prestop", "app-term", "logger-term", "proxy-term"], File.ReadAllLines(order));
    }

    [RootWithContainerdFact]
    public async Task A_container_ignoring_SIGTERM_is_killed_once_the_grace_period_is_over()
    {
        await cluster.StartAsync();
        var logDirectory = Path.Combine(cluster.DataDirectory, "stubborn-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(logDirectory);
        await cluster.Client.CreateAsync(Pod("stubborn", new PodSpec
        {
            TerminationGracePeriodSeconds = 3,
            Volumes = [new Volume { Name = "log", HostPath = new HostPathVolumeSource { Path = logDirectory } }],
            Containers =
            [
                new ApiContainer
                {
                    Name = "main",
                    Image = "busybox",
                    Command = ["sh", "-c", "trap 'echo ignored-term >> /log/order' TERM; echo start >> /log/order; while true; do sleep 0.2; done"],
                    VolumeMounts = [new VolumeMount { Name = "log", MountPath = "/log" }],
                },
            ],
        }));
        await cluster.WaitForPodAsync("stubborn", p => Status(p, "main")?.State?.Running is not null);
        await AgentFixture.WaitForAsync(() => Task.FromResult(File.Exists(Path.Combine(logDirectory, "order"))), exists => exists);

        var deleting = Stopwatch.StartNew();
        await cluster.Client.DeleteAsync<Pod>("stubborn", "default");
        await cluster.WaitForPodAsync("stubborn", p => p is null);
        Assert.True(deleting.Elapsed >= TimeSpan.FromSeconds(3), $"removed after {deleting.Elapsed}");
        Assert.Equal(["start", "ignored-term"], File.ReadAllLines(Path.Combine(logDirectory, "order")));
    }

    [RootWithContainerdFact]
    public async Task A_changed_ConfigMap_or_Secret_reaches_the_files_of_a_running_container()
    {
        await cluster.StartAsync();
        var settings = await cluster.Client.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "live-settings", Namespace = "default" }, Data = new() { ["mode"] = "first" } });
        var secret = await cluster.Client.CreateAsync(new Secret { Metadata = new ObjectMeta { Name = "live-secret", Namespace = "default" }, StringData = new() { ["password"] = "one" } });
        await cluster.Client.CreateAsync(Pod("follower", new PodSpec
        {
            TerminationGracePeriodSeconds = 1,
            Volumes =
            [
                new Volume { Name = "settings", ConfigMap = new ConfigMapVolumeSource { Name = "live-settings" } },
                new Volume { Name = "secret", Secret = new SecretVolumeSource { SecretName = "live-secret" } },
            ],
            Containers =
            [
                new ApiContainer
                {
                    Name = "main",
                    Image = "busybox",
                    Command = ["sleep", "3600"],
                    VolumeMounts = [new VolumeMount { Name = "settings", MountPath = "/etc/settings" }, new VolumeMount { Name = "secret", MountPath = "/etc/secret" }],
                },
            ],
        }));
        await cluster.WaitForPodAsync("follower", p => Status(p, "main")?.State?.Running is not null);
        Assert.Equal("first", await cluster.ExecAsync("follower", "main", "cat", "/etc/settings/mode"));
        Assert.Equal("one", await cluster.ExecAsync("follower", "main", "cat", "/etc/secret/password"));

        settings.Data!["mode"] = "second";
        await cluster.Client.UpdateAsync(settings);
        secret.Data = null;
        secret.StringData = new() { ["password"] = "two" };
        await cluster.Client.UpdateAsync(secret);

        // Well before the periodic one-minute refresh: the change itself triggers the rewrite.
        var changed = Stopwatch.StartNew();
        await AgentFixture.WaitForAsync(() => cluster.ExecAsync("follower", "main", "cat", "/etc/settings/mode"), text => text == "second" || changed.Elapsed > TimeSpan.FromSeconds(45));
        Assert.Equal("second", await cluster.ExecAsync("follower", "main", "cat", "/etc/settings/mode"));
        await AgentFixture.WaitForAsync(() => cluster.ExecAsync("follower", "main", "cat", "/etc/secret/password"), text => text == "two" || changed.Elapsed > TimeSpan.FromSeconds(45));
        Assert.Equal("two", await cluster.ExecAsync("follower", "main", "cat", "/etc/secret/password"));

        await cluster.Client.DeleteAsync<Pod>("follower", "default");
    }

    [RootWithContainerdFact]
    public async Task A_missing_binary_is_a_StartError_then_CrashLoopBackOff_with_restarts_spaced_by_the_growing_back_off()
    {
        await cluster.StartAsync();
        var pod = await cluster.Client.CreateAsync(Pod("no-binary", new PodSpec
        {
            TerminationGracePeriodSeconds = 1,
            Containers = [new ApiContainer { Name = "main", Image = "busybox", Command = ["/no/such/binary"] }],
        }));
        var uid = pod.Metadata!.Uid!;

        // Each instance's creation time, read from the runtime while they exist (the agent keeps the last two).
        var created = new Dictionary<uint, DateTimeOffset>();
        await AgentFixture.WaitForAsync(
            async () =>
            {
                var containers = await cluster.Agent.Containerd!.Runtime.ListContainersAsync(new Cri.V1.ContainerFilter { LabelSelector = { ["io.kubernetes.pod.uid"] = uid } });
                foreach (var container in containers)
                {
                    created.TryAdd(container.Metadata!.Attempt, DateTimeOffset.FromUnixTimeMilliseconds(container.CreatedAt / 1_000_000));
                }

                return created.Count;
            },
            count => count >= 4);

        var crashing = await cluster.WaitForPodAsync("no-binary", p => Status(p, "main")?.State?.Waiting?.Reason == "CrashLoopBackOff");
        var main = Status(crashing, "main")!;
        Assert.Equal("StartError", main.LastState!.Terminated!.Reason);
        Assert.Equal(128, main.LastState.Terminated.ExitCode);
        Assert.Contains("/no/such/binary", main.LastState.Terminated.Message, StringComparison.Ordinal);
        Assert.Contains("no such file or directory", main.LastState.Terminated.Message, StringComparison.Ordinal);
        Assert.StartsWith("back-off ", main.State!.Waiting!.Message, StringComparison.Ordinal);

        Assert.True(created[2] - created[1] >= TimeSpan.FromSeconds(10), $"restarts 1 → 2 after {created[2] - created[1]}");
        Assert.True(created[3] - created[2] >= TimeSpan.FromSeconds(20), $"restarts 2 → 3 after {created[3] - created[2]}");

        var events = await cluster.WaitForEventsAsync("no-binary", e => e.Any(x => x.Reason == "BackOff"));
        Assert.Contains(events, e => e.Reason == "Failed" && e.Type == "Warning" && e.Message!.Contains("/no/such/binary", StringComparison.Ordinal));
        await cluster.Client.DeleteAsync<Pod>("no-binary", "default");
    }

    [RootWithContainerdFact]
    public async Task Containers_of_a_pod_reach_each_other_on_localhost()
    {
        await cluster.StartAsync();
        await cluster.Client.CreateAsync(Pod("ambassador", new PodSpec
        {
            TerminationGracePeriodSeconds = 1,
            Containers =
            [
                new ApiContainer { Name = "server", Image = "busybox", Command = ["sh", "-c", "mkdir -p /www && echo served-on-localhost > /www/index.html && exec httpd -f -p 127.0.0.1:6379 -h /www"] },
                new ApiContainer { Name = "client", Image = "busybox", Command = ["sh", "-c", "until wget -q -O - http://127.0.0.1:6379/; do sleep 0.2; done; exec sleep 3600"] },
            ],
        }));
        await cluster.WaitForPodAsync("ambassador", p => Status(p, "client")?.State?.Running is not null);

        using var logs = new MemoryStream();
        await AgentFixture.WaitForAsync(
            async () =>
            {
                logs.SetLength(0);
                await cluster.Agent.WriteContainerLogAsync("default", "ambassador", "client", new Pods.ContainerLogOptions(), logs, CancellationToken.None);
                return System.Text.Encoding.UTF8.GetString(logs.ToArray());
            },
            text => text.Contains("served-on-localhost", StringComparison.Ordinal));
        await cluster.Client.DeleteAsync<Pod>("ambassador", "default");
    }

    [RootWithContainerdFact]
    public async Task A_pod_of_a_runtime_class_runs_on_the_class_handler()
    {
        await cluster.StartAsync();
        await cluster.Client.CreateAsync(new Api.Node.V1.RuntimeClass { Metadata = new ObjectMeta { Name = "runc-class" }, Handler = "runc" });
        var spec = new PodSpec
        {
            RuntimeClassName = "runc-class",
            TerminationGracePeriodSeconds = 1,
            Containers = [new ApiContainer { Name = "main", Image = "busybox", Command = ["sleep", "3600"] }],
        };
        await cluster.Client.CreateAsync(Pod("with-runtime-class", spec));

        await cluster.WaitForPodAsync("with-runtime-class", p => Status(p, "main")?.State?.Running is not null);
        await cluster.Client.DeleteAsync<Pod>("with-runtime-class", "default");
        await cluster.Client.DeleteAsync<Api.Node.V1.RuntimeClass>("runc-class");
    }

    private Pod Pod(string name, PodSpec spec)
    {
        spec.NodeName = cluster.NodeName;
        return new Pod { Metadata = new ObjectMeta { Name = name, Namespace = "default" }, Spec = spec };
    }

    // Appends startLine to /log/order when it starts and termLine on SIGTERM (then exits).
    private static ApiContainer Looping(string name, string startLine, string termLine, string? restartPolicy = null, Probe? startupProbe = null, List<string>? preStop = null) => new()
    {
        Name = name,
        RestartPolicy = restartPolicy,
        StartupProbe = startupProbe,
        Lifecycle = preStop is null ? null : new Lifecycle { PreStop = new LifecycleHandler { Exec = new ExecAction { Command = preStop } } },
        Image = "busybox",
        Command = ["sh", "-c", $"trap 'echo {termLine} >> /log/order; exit 0' TERM; echo {startLine} >> /log/order; while true; do sleep 0.2; done"],
        VolumeMounts = [new VolumeMount { Name = "log", MountPath = "/log" }],
    };

    private static ContainerStatus? Status(Pod? pod, string container) =>
        pod?.Status?.ContainerStatuses?.FirstOrDefault(c => c.Name == container) ?? pod?.Status?.InitContainerStatuses?.FirstOrDefault(c => c.Name == container);

    private static PodCondition Condition(Pod pod, string type) => pod.Status!.Conditions!.Single(c => c.Type == type);
}
