using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.Node.Pods;
using CriContainerState = KubeSharp.Node.Cri.V1.ContainerState;
using CriContainerStatus = KubeSharp.Node.Cri.V1.ContainerStatus;

namespace KubeSharp.Node.Tests;

/// <summary>Pod status as the kubelet reports it: phase, conditions and container states from what the runtime says.</summary>
public sealed class PodStatusBuilderTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-01-02T03:04:05Z", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void A_pod_whose_containers_run_and_are_ready_is_Running_and_Ready()
    {
        var status = Build(Pod("Always", "a", "b"), Running("a"), Running("b"));
        Assert.Equal("Running", status.Phase);
        Assert.Equal(["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"], status.Conditions!.Select(c => c.Type));
        Assert.All(status.Conditions!, c => Assert.Equal("True", c.Status));
        Assert.All(status.ContainerStatuses!, c => Assert.True(c.Ready));
        Assert.Equal("10.1.0.5", status.PodIP);
    }

    [Fact]
    public void A_container_not_created_yet_waits_in_ContainerCreating_and_the_pod_is_Pending()
    {
        var status = Build(Pod("Always", "a"), ("a", new ContainerView(null, null, null, false)));
        Assert.Equal("Pending", status.Phase);
        var container = Assert.Single(status.ContainerStatuses!);
        Assert.Equal("ContainerCreating", container.State!.Waiting!.Reason);
        var ready = status.Conditions!.Single(c => c.Type == "Ready");
        Assert.Equal(("False", "ContainersNotReady", "containers with unready status: [a]"), (ready.Status, ready.Reason, ready.Message));
    }

    [Fact]
    public void A_crash_looping_container_keeps_the_pod_Running_and_shows_its_last_termination()
    {
        var exited = Exited("a", 3, attempt: 2);
        var view = new ContainerView(exited, null, ("CrashLoopBackOff", "back-off 20s restarting failed container=a pod=p_default(uid)"), false);
        var status = Build(Pod("Always", "a"), ("a", view));
        Assert.Equal("Running", status.Phase);
        var container = Assert.Single(status.ContainerStatuses!);
        Assert.Equal("CrashLoopBackOff", container.State!.Waiting!.Reason);
        Assert.Equal(3, container.LastState!.Terminated!.ExitCode);
        Assert.Equal("Error", container.LastState.Terminated.Reason);
        Assert.Equal(2, container.RestartCount);
    }

    [Fact]
    public void Containers_that_all_exit_zero_under_Never_make_the_pod_Succeeded_and_a_failure_makes_it_Failed()
    {
        Assert.Equal("Succeeded", Build(Pod("Never", "a", "b"), ("a", new ContainerView(Exited("a", 0), null, null, false)), ("b", new ContainerView(Exited("b", 0), null, null, false))).Phase);
        var failed = Build(Pod("Never", "a", "b"), ("a", new ContainerView(Exited("a", 0), null, null, false)), ("b", new ContainerView(Exited("b", 1), null, null, false)));
        Assert.Equal("Failed", failed.Phase);
        Assert.Equal("PodCompleted", failed.Conditions!.Single(c => c.Type == "Ready").Reason);
        Assert.Equal("Completed", failed.ContainerStatuses![0].State!.Terminated!.Reason);
    }

    [Fact]
    public void An_unchanged_condition_keeps_its_transition_time()
    {
        var pod = Pod("Always", "a");
        var earlier = Now.AddMinutes(-5);
        pod.Status = new PodStatus { Conditions = [new PodCondition { Type = "Ready", Status = "True", LastTransitionTime = earlier }] };
        var status = Build(pod, Running("a"));
        Assert.Equal(earlier, status.Conditions!.Single(c => c.Type == "Ready").LastTransitionTime);
        Assert.Equal(Now, status.Conditions!.Single(c => c.Type == "ContainersReady").LastTransitionTime);
    }

    [Fact]
    public void While_an_init_container_runs_the_pod_is_Pending_and_not_Initialized()
    {
        var pod = Pod("Always", "a");
        pod.Spec!.InitContainers = [new Container { Name = "init", Image = "busybox" }];
        var init = new Dictionary<string, ContainerView> { ["init"] = new(Instance("init", CriContainerState.ContainerRunning, 0, 0), null, null, true) };
        var containers = new Dictionary<string, ContainerView> { ["a"] = new(null, null, ("PodInitializing", null), false) };
        var status = PodStatusBuilder.Build(pod, new PodView(true, "10.1.0.5", "192.0.2.1", Now, init, containers), Now);
        Assert.Equal("Pending", status.Phase);
        var initialized = status.Conditions!.Single(c => c.Type == "Initialized");
        Assert.Equal(("False", "ContainersNotInitialized", "containers with incomplete status: [init]"), (initialized.Status, initialized.Reason, initialized.Message));
        Assert.Equal("PodInitializing", status.ContainerStatuses![0].State!.Waiting!.Reason);
    }

    [Fact]
    public void A_running_native_sidecar_counts_as_initialized_once_started_and_the_pod_is_Running()
    {
        var pod = Pod("Never", "a");
        pod.Spec!.InitContainers = [new Container { Name = "proxy", Image = "busybox", RestartPolicy = "Always" }];
        var containers = new Dictionary<string, ContainerView> { ["a"] = new(Instance("a", CriContainerState.ContainerRunning, 0, 0), null, null, true) };
        PodStatus StatusWhile(bool sidecarStarted) => PodStatusBuilder.Build(
            pod,
            new PodView(true, "10.1.0.5", "192.0.2.1", Now, new Dictionary<string, ContainerView> { ["proxy"] = new(Instance("proxy", CriContainerState.ContainerRunning, 0, 0), null, null, true, Started: sidecarStarted) }, containers),
            Now);

        var started = StatusWhile(sidecarStarted: true);
        Assert.Equal("Running", started.Phase);
        Assert.Equal("True", started.Conditions!.Single(c => c.Type == "Initialized").Status);
        Assert.True(started.InitContainerStatuses![0].Ready);
        var starting = StatusWhile(sidecarStarted: false).Conditions!.Single(c => c.Type == "Initialized");
        Assert.Equal(("False", "containers with incomplete status: [proxy]"), (starting.Status, starting.Message));
    }

    private static PodStatus Build(Pod pod, params (string Name, ContainerView View)[] containers) =>
        PodStatusBuilder.Build(pod, new PodView(true, "10.1.0.5", "192.0.2.1", Now, new Dictionary<string, ContainerView>(), containers.ToDictionary(c => c.Name, c => c.View)), Now);

    private static Pod Pod(string restartPolicy, params string[] containers) => new()
    {
        Metadata = new ObjectMeta { Name = "p", Namespace = "default", Uid = "uid" },
        Spec = new PodSpec { RestartPolicy = restartPolicy, Containers = containers.Select(c => new Container { Name = c, Image = "busybox" }).ToList() },
    };

    private static (string, ContainerView) Running(string name) => (name, new ContainerView(Instance(name, CriContainerState.ContainerRunning, 0, 0), null, null, true));

    private static CriContainerStatus Exited(string name, int exitCode, uint attempt = 0) => Instance(name, CriContainerState.ContainerExited, exitCode, attempt);

    private static CriContainerStatus Instance(string name, CriContainerState state, int exitCode, uint attempt) => new()
    {
        Id = name + "-id-" + attempt,
        Metadata = new KubeSharp.Node.Cri.V1.ContainerMetadata { Name = name, Attempt = attempt },
        State = state,
        ExitCode = exitCode,
        StartedAt = Now.ToUnixTimeMilliseconds() * 1_000_000,
        FinishedAt = state == CriContainerState.ContainerExited ? Now.ToUnixTimeMilliseconds() * 1_000_000 : 0,
        ImageRef = "sha256:abc",
    };
}
