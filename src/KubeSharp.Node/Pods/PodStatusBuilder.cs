using KubeSharp.Api.Core.V1;
using ApiContainerStatus = KubeSharp.Api.Core.V1.ContainerStatus;
using CriContainerStatus = KubeSharp.Node.Cri.V1.ContainerStatus;
using CriContainerState = KubeSharp.Node.Cri.V1.ContainerState;

namespace KubeSharp.Node.Pods;

/// <summary>What the agent knows about one container of a pod when it computes the pod's status.</summary>
/// <param name="Latest">The newest runtime instance, or null when none was created yet.</param>
/// <param name="Previous">The instance before it (its end is lastState), or null.</param>
/// <param name="Waiting">Why the container is waiting when it is not running (ContainerCreating, CrashLoopBackOff, ErrImagePull …).</param>
/// <param name="Ready">The readiness probe's verdict (true without a probe while running).</param>
/// <param name="TerminationMessage">The message read from the container's termination-log file after it ended.</param>
/// <param name="Started">Whether a running container passed its startup probe (true without one).</param>
internal sealed record ContainerView(
    CriContainerStatus? Latest,
    CriContainerStatus? Previous,
    (string Reason, string? Message)? Waiting,
    bool Ready,
    string? TerminationMessage = null,
    bool Started = true);

/// <summary>The runtime facts a pod status is computed from.</summary>
internal sealed record PodView(
    bool SandboxReady,
    string? PodIP,
    string HostIP,
    DateTimeOffset StartTime,
    IReadOnlyDictionary<string, ContainerView> InitContainers,
    IReadOnlyDictionary<string, ContainerView> Containers,
    IReadOnlyDictionary<string, ContainerView>? EphemeralContainers = null);

/// <summary>Computes a pod's status (phase, conditions, container statuses) the way the kubelet reports it.</summary>
internal static class PodStatusBuilder
{
    public const string Pending = "Pending";
    public const string Running = "Running";
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";

    /// <summary>Ephemeral containers report like containers, but are never ready and do not count for the pod's readiness.</summary>
    private static List<ApiContainerStatus>? EphemeralStatuses(PodSpec spec, PodView view)
    {
        var statuses = PodWorker.EphemeralContainers(spec)
            .Select(e => ToApi(e.Container, view.EphemeralContainers?.GetValueOrDefault(e.Container.Name ?? ""), isInit: false))
            .ToList();
        foreach (var status in statuses)
        {
            status.Ready = false;
            status.Started = status.State?.Running is not null ? true : status.Started;
        }

        return statuses.Count == 0 ? null : statuses;
    }

    public static PodStatus Build(Pod pod, PodView view, DateTimeOffset now)
    {
        var spec = pod.Spec ?? new PodSpec();
        var previous = pod.Status;
        var restartPolicy = spec.RestartPolicy ?? "Always";
        var initStatuses = (spec.InitContainers ?? []).Select(c => ToApi(c, view.InitContainers.GetValueOrDefault(c.Name ?? ""), isInit: true)).ToList();
        var containerStatuses = (spec.Containers ?? []).Select(c => ToApi(c, view.Containers.GetValueOrDefault(c.Name ?? ""), isInit: false)).ToList();

        // A native sidecar (restartPolicy Always) is initialized while it runs and has started; others once they succeeded.
        var initSpecs = spec.InitContainers ?? [];
        bool InitDone(ApiContainerStatus s, int index) =>
            PodWorker.IsSidecar(initSpecs[index]) ? s.State?.Running is not null && s.Started == true : s.State?.Terminated?.ExitCode == 0;
        var initialized = initStatuses.Select(InitDone).All(done => done);
        var phase = Phase(initStatuses, containerStatuses, restartPolicy, initialized);
        var terminal = phase is Succeeded or Failed;
        var unready = containerStatuses.Where(s => s.Ready != true).Select(s => s.Name).ToList();
        var incompleteInit = initStatuses.Where((s, i) => !InitDone(s, i)).Select(s => s.Name).ToList();

        var conditions = new List<PodCondition>
        {
            Condition("PodReadyToStartContainers", view.SandboxReady && !terminal ? "True" : "False", null, null),
            initialized || (terminal && incompleteInit.Count == 0)
                ? Condition("Initialized", "True", null, null)
                : Condition("Initialized", "False", "ContainersNotInitialized", $"containers with incomplete status: [{string.Join(' ', incompleteInit)}]"),
        };
        var (readyStatus, readyReason, readyMessage) = terminal
            ? ("False", "PodCompleted", (string?)null)
            : unready.Count == 0 && initialized
                ? ("True", (string?)null, (string?)null)
                : ("False", "ContainersNotReady", $"containers with unready status: [{string.Join(' ', unready)}]");
        conditions.Add(Condition("Ready", readyStatus, readyReason, readyMessage));
        conditions.Add(Condition("ContainersReady", readyStatus, readyReason, readyMessage));
        conditions.Add(previous?.Conditions?.FirstOrDefault(c => c.Type == "PodScheduled")
            ?? new PodCondition { Type = "PodScheduled", Status = "True", LastTransitionTime = now });
        // Conditions others own (DisruptionTarget, readiness gates …) are kept as they are.
        conditions.AddRange(previous?.Conditions?.Where(c => c.Type is not ("PodReadyToStartContainers" or "Initialized" or "Ready" or "ContainersReady" or "PodScheduled")) ?? []);

        var podIP = view.PodIP ?? previous?.PodIP;
        return new PodStatus
        {
            Phase = phase,
            Conditions = conditions,
            HostIP = view.HostIP,
            HostIPs = [new HostIP { Ip = view.HostIP }],
            PodIP = podIP,
            PodIPs = podIP is null ? null : [new PodIP { Ip = podIP }],
            StartTime = previous?.StartTime ?? view.StartTime,
            InitContainerStatuses = initStatuses.Count == 0 ? null : initStatuses,
            ContainerStatuses = containerStatuses,
            EphemeralContainerStatuses = EphemeralStatuses(spec, view),
            QosClass = PodResources.QosClass(spec),
            NominatedNodeName = previous?.NominatedNodeName,
        };

        PodCondition Condition(string type, string status, string? reason, string? message)
        {
            var old = previous?.Conditions?.FirstOrDefault(c => c.Type == type);
            return new PodCondition
            {
                Type = type,
                Status = status,
                LastProbeTime = null,
                LastTransitionTime = old is not null && old.Status == status && old.LastTransitionTime is { } since ? since : now,
                Reason = reason,
                Message = message,
            };
        }
    }

    private static string Phase(List<ApiContainerStatus> init, List<ApiContainerStatus> containers, string restartPolicy, bool initialized)
    {
        if (!initialized)
        {
            var failedInit = init.Any(s => s.State?.Terminated is { ExitCode: not 0 } || (s.State?.Waiting is not null && s.LastState?.Terminated is { ExitCode: not 0 }));
            return failedInit && restartPolicy == "Never" ? Failed : Pending;
        }

        int running = 0, waiting = 0, stopped = 0, succeeded = 0;
        foreach (var status in containers)
        {
            if (status.State?.Running is not null)
            {
                running++;
            }
            else if (status.State?.Terminated is { } terminated)
            {
                stopped++;
                if (terminated.ExitCode == 0)
                {
                    succeeded++;
                }
            }
            else if (status.LastState?.Terminated is not null)
            {
                // Waiting to be restarted (CrashLoopBackOff): it has run, so it counts as stopped.
                stopped++;
            }
            else
            {
                waiting++;
            }
        }

        if (waiting > 0)
        {
            return Pending;
        }

        if (running > 0)
        {
            return Running;
        }

        if (stopped == 0)
        {
            return Pending;
        }

        return restartPolicy switch
        {
            "Always" => Running,
            "OnFailure" => stopped == succeeded ? Succeeded : Running,
            _ => stopped == succeeded ? Succeeded : Failed,
        };
    }

    private static ApiContainerStatus ToApi(Container container, ContainerView? view, bool isInit)
    {
        var latest = view?.Latest;
        var status = new ApiContainerStatus
        {
            Name = container.Name,
            // The image as the user named it, normalised (containerd would report any one of the image's tags).
            Image = ImageReference.Normalize(container.Image ?? ""),
            ImageID = latest?.ImageRef ?? "",
            ContainerID = latest is null ? null : "containerd://" + latest.Id,
            RestartCount = (int)(latest?.Metadata?.Attempt ?? 0),
            LastState = new ContainerState(),
            Ready = false,
            Started = false,
        };

        if (view?.Previous is { } previous && previous.State == CriContainerState.ContainerExited)
        {
            status.LastState = new ContainerState { Terminated = Terminated(previous, null) };
        }

        if (view?.Waiting is { } waiting && latest?.State != CriContainerState.ContainerRunning)
        {
            status.State = new ContainerState { Waiting = new ContainerStateWaiting { Reason = waiting.Reason, Message = waiting.Message } };
            if (latest?.State == CriContainerState.ContainerExited)
            {
                // Waiting for a restart: the instance that ended is the last state.
                status.LastState = new ContainerState { Terminated = Terminated(latest, view.TerminationMessage) };
            }
        }
        else if (latest is null || latest.State == CriContainerState.ContainerCreated)
        {
            status.State = new ContainerState { Waiting = new ContainerStateWaiting { Reason = "ContainerCreating" } };
        }
        else if (latest.State == CriContainerState.ContainerRunning)
        {
            status.State = new ContainerState { Running = new ContainerStateRunning { StartedAt = FromNanoseconds(latest.StartedAt) } };
            status.Ready = view!.Ready && view.Started;
            status.Started = view.Started;
        }
        else
        {
            status.State = new ContainerState { Terminated = Terminated(latest, view!.TerminationMessage) };
            status.Ready = isInit && latest.ExitCode == 0;
        }

        return status;
    }

    private static ContainerStateTerminated Terminated(CriContainerStatus container, string? terminationMessage) => new()
    {
        ExitCode = container.ExitCode,
        Reason = string.IsNullOrEmpty(container.Reason) ? (container.ExitCode == 0 ? "Completed" : "Error") : container.Reason,
        Message = string.IsNullOrEmpty(terminationMessage) ? (string.IsNullOrEmpty(container.Message) ? null : container.Message) : terminationMessage,
        StartedAt = container.StartedAt == 0 ? null : FromNanoseconds(container.StartedAt),
        FinishedAt = container.FinishedAt == 0 ? null : FromNanoseconds(container.FinishedAt),
        ContainerID = "containerd://" + container.Id,
    };

    // Kubernetes timestamps have whole seconds.
    private static DateTimeOffset FromNanoseconds(long nanoseconds) =>
        DateTimeOffset.FromUnixTimeSeconds(nanoseconds / 1_000_000_000);
}
