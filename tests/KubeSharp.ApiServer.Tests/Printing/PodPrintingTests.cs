using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.ApiServer.Printing;

namespace KubeSharp.ApiServer.Tests.Printing;

public sealed class PodPrintingTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static IReadOnlyList<object?> Print(KubernetesObject obj)
    {
        var printers = new TablePrinters();
        BuiltInPrinters.RegisterAll(printers);
        return printers.For(obj.GetType()).Cells(obj, Now);
    }

    private static Pod Pod(params ContainerStatus[] statuses) => new()
    {
        Metadata = new ObjectMeta { Name = "web", CreationTimestamp = Now.AddMinutes(-5) },
        Spec = new PodSpec { NodeName = "node-1", Containers = statuses.Select(s => new Container { Name = s.Name, Image = "nginx" }).ToList() },
        Status = new PodStatus { Phase = "Running", ContainerStatuses = [.. statuses] },
    };

    private static ContainerStatus Running(string name, bool ready = true, int restarts = 0) => new()
    {
        Name = name,
        Ready = ready,
        RestartCount = restarts,
        State = new ContainerState { Running = new ContainerStateRunning { StartedAt = Now.AddMinutes(-4) } },
    };

    [Fact]
    public void Pod_columns_are_kubernetes_pod_columns_with_wide_ones_at_priority_one()
    {
        var printers = new TablePrinters();
        BuiltInPrinters.RegisterAll(printers);
        var columns = printers.For(typeof(Pod)).Columns;
        Assert.Equal(["Name", "Ready", "Status", "Restarts", "Age", "IP", "Node", "Nominated Node", "Readiness Gates"], columns.Select(c => c.Name));
        Assert.Equal([0, 0, 0, 0, 0, 1, 1, 1, 1], columns.Select(c => c.Priority));
        Assert.Equal("string", columns[3].Type);
        Assert.Equal("name", columns[0].Format);
    }

    [Fact]
    public void Running_ready_pod_prints_ready_count_phase_and_none_for_missing_ip()
    {
        var cells = Print(Pod(Running("app")));
        Assert.Equal(["web", "1/1", "Running", "0", "5m", "<none>", "node-1", "<none>", "<none>"], cells);
    }

    [Fact]
    public void Pod_with_waiting_container_prints_its_reason()
    {
        var pod = Pod(new ContainerStatus { Name = "app", State = new ContainerState { Waiting = new ContainerStateWaiting { Reason = "CrashLoopBackOff" } } });
        Assert.Equal("CrashLoopBackOff", Print(pod)[2]);
        Assert.Equal("0/1", Print(pod)[1]);
    }

    [Fact]
    public void Running_pod_with_restarts_prints_count_and_age_of_last_restart()
    {
        var status = Running("app", restarts: 3);
        status.LastState = new ContainerState { Terminated = new ContainerStateTerminated { ExitCode = 1, FinishedAt = Now.AddMinutes(-2) } };
        Assert.Equal("3 (2m ago)", Print(Pod(status))[3]);
    }

    [Fact]
    public void Pod_waiting_on_its_first_init_container_prints_init_progress()
    {
        var pod = Pod(new ContainerStatus { Name = "app", State = new ContainerState { Waiting = new ContainerStateWaiting { Reason = "PodInitializing" } } });
        pod.Spec!.InitContainers = [new Container { Name = "setup", Image = "busybox" }, new Container { Name = "migrate", Image = "busybox" }];
        pod.Status!.Phase = "Pending";
        pod.Status.InitContainerStatuses =
        [
            new ContainerStatus { Name = "setup", State = new ContainerState { Terminated = new ContainerStateTerminated { ExitCode = 0 } } },
            new ContainerStatus { Name = "migrate", State = new ContainerState { Running = new ContainerStateRunning() } },
        ];
        Assert.Equal("Init:1/2", Print(pod)[2]);
    }

    [Fact]
    public void Failing_init_container_prints_its_reason_with_init_prefix()
    {
        var pod = Pod(Running("app", ready: false));
        pod.Spec!.InitContainers = [new Container { Name = "setup", Image = "busybox" }];
        pod.Status!.InitContainerStatuses = [new ContainerStatus { Name = "setup", State = new ContainerState { Waiting = new ContainerStateWaiting { Reason = "CrashLoopBackOff" } } }];
        Assert.Equal("Init:CrashLoopBackOff", Print(pod)[2]);
    }

    [Fact]
    public void Init_container_that_exited_without_reason_prints_its_exit_code()
    {
        var pod = Pod(Running("app", ready: false));
        pod.Spec!.InitContainers = [new Container { Name = "setup", Image = "busybox" }];
        pod.Status!.InitContainerStatuses = [new ContainerStatus { Name = "setup", State = new ContainerState { Terminated = new ContainerStateTerminated { ExitCode = 2 } } }];
        Assert.Equal("Init:ExitCode:2", Print(pod)[2]);
    }

    [Fact]
    public void Pod_being_deleted_prints_terminating()
    {
        var pod = Pod(Running("app"));
        pod.Metadata!.DeletionTimestamp = Now;
        Assert.Equal("Terminating", Print(pod)[2]);
    }

    [Fact]
    public void Finished_pod_being_deleted_keeps_its_status()
    {
        var pod = Pod(new ContainerStatus { Name = "app", State = new ContainerState { Terminated = new ContainerStateTerminated { ExitCode = 0, Reason = "Completed" } } });
        pod.Status!.Phase = "Succeeded";
        pod.Metadata!.DeletionTimestamp = Now;
        Assert.Equal("Completed", Print(pod)[2]);
    }

    [Fact]
    public void Pod_with_one_completed_and_one_running_container_without_ready_condition_prints_not_ready()
    {
        var done = new ContainerStatus { Name = "job", State = new ContainerState { Terminated = new ContainerStateTerminated { ExitCode = 0, Reason = "Completed" } } };
        var pod = Pod(Running("app"), done);
        Assert.Equal("NotReady", Print(pod)[2]);
        pod.Status!.Conditions = [new PodCondition { Type = "Ready", Status = "True" }];
        Assert.Equal("Running", Print(pod)[2]);
    }

    [Fact]
    public void Container_killed_by_signal_prints_the_signal()
    {
        var pod = Pod(new ContainerStatus { Name = "app", State = new ContainerState { Terminated = new ContainerStateTerminated { ExitCode = 137, Signal = 9 } } });
        Assert.Equal("Signal:9", Print(pod)[2]);
    }

    [Fact]
    public void Pod_with_status_reason_prints_it_instead_of_phase()
    {
        var pod = Pod();
        pod.Status!.Phase = "Failed";
        pod.Status.Reason = "Evicted";
        Assert.Equal("Evicted", Print(pod)[2]);
        Assert.Equal("0/0", Print(pod)[1]);
    }

    [Fact]
    public void Sidecar_init_container_counts_towards_ready_and_total()
    {
        var pod = Pod(Running("app"));
        pod.Spec!.InitContainers = [new Container { Name = "proxy", Image = "envoy", RestartPolicy = "Always" }];
        pod.Status!.InitContainerStatuses = [new ContainerStatus { Name = "proxy", Started = true, Ready = true, State = new ContainerState { Running = new ContainerStateRunning() } }];
        pod.Status.Conditions = [new PodCondition { Type = "Initialized", Status = "True" }];
        var cells = Print(pod);
        Assert.Equal("2/2", cells[1]);
        Assert.Equal("Running", cells[2]);
    }

    [Fact]
    public void Wide_columns_show_pod_ip_node_and_readiness_gates()
    {
        var pod = Pod(Running("app"));
        pod.Status!.PodIPs = [new PodIP { Ip = "10.0.0.9" }];
        pod.Status.NominatedNodeName = "node-2";
        pod.Spec!.ReadinessGates = [new PodReadinessGate { ConditionType = "example.com/ready" }];
        pod.Status.Conditions = [new PodCondition { Type = "example.com/ready", Status = "True" }];
        var cells = Print(pod);
        Assert.Equal(["10.0.0.9", "node-1", "node-2", "1/1"], cells.Skip(5));
    }
}
