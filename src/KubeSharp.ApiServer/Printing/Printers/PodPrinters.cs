using System.Globalization;
using KubeSharp.Api.Core.V1;

namespace KubeSharp.ApiServer.Printing.Printers;

/// <summary>Pods as `kubectl get pods` shows them: readiness, the aggregate status, restarts with the age of the last one.</summary>
internal sealed class PodPrinter : TypedTablePrinter<Pod>
{
    /// <summary>The reason the node lifecycle controller gives pods of an unreachable node.</summary>
    private const string NodeUnreachableReason = "NodeLost";

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        NameColumn,
        Column("Ready", "string", "The aggregate readiness state of this pod for accepting traffic."),
        Column("Status", "string", "The aggregate status of the containers in this pod."),
        Column("Restarts", "string", "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."),
        AgeColumn,
        Wide("IP", "IP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated."),
        Wide("Node", "NodeName indicates in which node this pod is scheduled."),
        Wide("Nominated Node", "nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods."),
        Wide("Readiness Gates", "If specified, all readiness gates will be evaluated for pod readiness."),
    ];

    protected override IReadOnlyList<object?> Row(Pod pod, DateTimeOffset now)
    {
        var spec = pod.Spec ?? new PodSpec();
        var status = pod.Status ?? new PodStatus();
        var (ready, total, reason, restarts, lastRestart) = Summarize(pod);

        var restartsText = restarts.ToString(CultureInfo.InvariantCulture);
        if (restarts != 0 && lastRestart is { } last)
        {
            restartsText = $"{restarts} ({Age(last, now)} ago)";
        }

        var podIp = status.PodIPs is { Count: > 0 } ips ? ips[0].Ip : null;
        var readinessGates = CellFormat.None;
        if (spec.ReadinessGates is { Count: > 0 } gates)
        {
            var satisfied = gates.Count(g => status.Conditions?.FirstOrDefault(c => c.Type == g.ConditionType)?.Status == "True");
            readinessGates = $"{satisfied}/{gates.Count}";
        }

        return
        [
            pod.Metadata?.Name,
            $"{ready}/{total}",
            reason,
            restartsText,
            Age(pod.Metadata?.CreationTimestamp, now),
            string.IsNullOrEmpty(podIp) ? CellFormat.None : podIp,
            string.IsNullOrEmpty(spec.NodeName) ? CellFormat.None : spec.NodeName,
            string.IsNullOrEmpty(status.NominatedNodeName) ? CellFormat.None : status.NominatedNodeName,
            readinessGates,
        ];
    }

    /// <summary>
    /// Ready and total containers, the STATUS text, the restart count and the time of the last
    /// restart, as Kubernetes' printPod computes them: init containers first ("Init:1/2",
    /// "Init:CrashLoopBackOff"), then the last container reporting a waiting or terminated reason,
    /// then "Terminating" for a pod being deleted that has not finished.
    /// </summary>
    internal static (int Ready, int Total, string Reason, int Restarts, DateTimeOffset? LastRestart) Summarize(Pod pod)
    {
        var spec = pod.Spec ?? new PodSpec();
        var status = pod.Status ?? new PodStatus();
        var initContainers = spec.InitContainers ?? [];
        var restartable = initContainers.Where(c => c.RestartPolicy == "Always").Select(c => c.Name).ToHashSet();

        var total = (spec.Containers?.Count ?? 0) + restartable.Count;
        var ready = 0;
        var restarts = 0;
        var sidecarRestarts = 0;
        DateTimeOffset? lastRestart = null;
        DateTimeOffset? lastSidecarRestart = null;

        var phase = status.Phase ?? "";
        var reason = string.IsNullOrEmpty(status.Reason) ? phase : status.Reason;
        if (status.Conditions?.Any(c => c.Type == "PodScheduled" && c.Reason == "SchedulingGated") == true)
        {
            reason = "SchedulingGated";
        }

        var initializing = false;
        var initStatuses = status.InitContainerStatuses ?? [];
        for (var i = 0; i < initStatuses.Count; i++)
        {
            var container = initStatuses[i];
            var isSidecar = restartable.Contains(container.Name);
            restarts += container.RestartCount ?? 0;
            lastRestart = Later(lastRestart, container.LastState?.Terminated?.FinishedAt);
            if (isSidecar)
            {
                sidecarRestarts += container.RestartCount ?? 0;
                lastSidecarRestart = Later(lastSidecarRestart, container.LastState?.Terminated?.FinishedAt);
            }

            var state = container.State;
            if (state?.Terminated is { ExitCode: 0 or null })
            {
                continue;
            }

            if (isSidecar && container.Started == true)
            {
                if (container.Ready == true)
                {
                    ready++;
                }

                continue;
            }

            if (state?.Terminated is { } terminated)
            {
                reason = string.IsNullOrEmpty(terminated.Reason)
                    ? terminated.Signal is { } signal and not 0 ? $"Init:Signal:{signal}" : $"Init:ExitCode:{terminated.ExitCode ?? 0}"
                    : "Init:" + terminated.Reason;
            }
            else if (state?.Waiting is { Reason: { Length: > 0 } waitingReason } && waitingReason != "PodInitializing")
            {
                reason = "Init:" + waitingReason;
            }
            else
            {
                reason = $"Init:{i}/{initContainers.Count}";
            }

            initializing = true;
            break;
        }

        var initialized = status.Conditions?.Any(c => c.Type == "Initialized" && c.Status == "True") == true;
        if (!initializing || initialized)
        {
            restarts = sidecarRestarts;
            lastRestart = lastSidecarRestart;
            var hasRunning = false;
            var statuses = status.ContainerStatuses ?? [];
            for (var i = statuses.Count - 1; i >= 0; i--)
            {
                var container = statuses[i];
                restarts += container.RestartCount ?? 0;
                lastRestart = Later(lastRestart, container.LastState?.Terminated?.FinishedAt);
                var state = container.State;
                if (state?.Waiting is { Reason: { Length: > 0 } waitingReason })
                {
                    reason = waitingReason;
                }
                else if (state?.Terminated is { Reason: { Length: > 0 } terminatedReason })
                {
                    reason = terminatedReason;
                }
                else if (state?.Terminated is { } terminated)
                {
                    reason = terminated.Signal is { } signal and not 0 ? $"Signal:{signal}" : $"ExitCode:{terminated.ExitCode ?? 0}";
                }
                else if (container.Ready == true && state?.Running is not null)
                {
                    hasRunning = true;
                    ready++;
                }
            }

            if (reason == "Completed" && hasRunning)
            {
                reason = status.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true ? "Running" : "NotReady";
            }
        }

        if (pod.Metadata?.DeletionTimestamp is not null)
        {
            if (status.Reason == NodeUnreachableReason)
            {
                reason = "Unknown";
            }
            else if (phase is not ("Succeeded" or "Failed"))
            {
                reason = "Terminating";
            }
        }

        return (ready, total, reason, restarts, lastRestart);
    }

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : (a > b ? a : b);
}

internal sealed class PodTemplatePrinter : TypedTablePrinter<PodTemplate>
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        NameColumn,
        Column("Containers", "string", "Names of each container in the template."),
        Column("Images", "string", "Images referenced by each container in the template."),
        Column("Pod Labels", "string", "The labels for the pod template."),
    ];

    protected override IReadOnlyList<object?> Row(PodTemplate obj, DateTimeOffset now)
    {
        var (names, images) = CellFormat.Containers(obj.Template);
        return [obj.Metadata?.Name, names, images, CellFormat.Labels(obj.Template?.Metadata?.Labels)];
    }
}
