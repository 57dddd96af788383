using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.Client;

namespace KubeSharp.Controllers.Tests;

/// <summary>
/// Test double of a node agent, with no containers: every pod bound to a node is reported
/// Running and Ready shortly after, and a pod being deleted gracefully is removed at once (as a
/// kubelet does once its containers stopped); pods with restartPolicy Never or OnFailure then
/// succeed, or fail with the exit code in annotation <see cref="ExitCodeAnnotation"/>, or keep
/// running with annotation <see cref="KeepRunningAnnotation"/>. It polls, so it needs nothing but the API.
/// </summary>
internal sealed class SimulatedKubelet(KubernetesClient client)
{
    public const string ExitCodeAnnotation = "simulated-kubelet/exit-code";
    public const string KeepRunningAnnotation = "simulated-kubelet/keep-running";

    private int _lastAddress = 9;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var pods = await client.ListAsync<Pod>(cancellationToken: cancellationToken).ConfigureAwait(false);
                foreach (var pod in pods.Items.Where(p => p.Metadata?.DeletionTimestamp is not null))
                {
                    await FinishDeletionAsync(pod, cancellationToken).ConfigureAwait(false);
                }

                foreach (var pod in pods.Items.Where(p => !string.IsNullOrEmpty(p.Spec?.NodeName) && p.Status?.Phase is null or "Pending" && p.Metadata?.DeletionTimestamp is null))
                {
                    await MarkRunningAsync(pod, cancellationToken).ConfigureAwait(false);
                }

                // Containers that are not restarted "run to completion" once they were seen running.
                foreach (var pod in pods.Items.Where(p => p.Status?.Phase == "Running" && p.Spec?.RestartPolicy is "Never" or "OnFailure" && p.Metadata?.DeletionTimestamp is null
                    && p.Metadata?.Annotations?.ContainsKey(KeepRunningAnnotation) != true))
                {
                    await MarkFinishedAsync(pod, cancellationToken).ConfigureAwait(false);
                }

                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task FinishDeletionAsync(Pod pod, CancellationToken cancellationToken)
    {
        try
        {
            await client.DeleteAsync<Pod>(pod.Metadata!.Name!, pod.Metadata.Namespace, new DeleteOptions { GracePeriodSeconds = 0 }, cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException e) when (e.IsNotFound || e.IsConflict)
        {
        }
    }

    private async Task MarkFinishedAsync(Pod pod, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var exitCode = pod.Metadata?.Annotations?.TryGetValue(ExitCodeAnnotation, out var text) == true ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : 0;
        pod.Status!.Phase = exitCode == 0 ? "Succeeded" : "Failed";
        foreach (var condition in pod.Status.Conditions ?? [])
        {
            if (condition.Type is "Ready" or "ContainersReady")
            {
                condition.Status = "False";
                condition.Reason = exitCode == 0 ? "PodCompleted" : "PodFailed";
                condition.LastTransitionTime = now;
            }
        }

        foreach (var status in pod.Status.ContainerStatuses ?? [])
        {
            status.Ready = false;
            status.State = new ContainerState { Terminated = new ContainerStateTerminated { ExitCode = exitCode, Reason = exitCode == 0 ? "Completed" : "Error", FinishedAt = now } };
        }

        try
        {
            await client.UpdateStatusAsync(pod, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException e) when (e.IsConflict || e.IsNotFound)
        {
        }
    }

    private async Task MarkRunningAsync(Pod pod, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        pod.Status ??= new PodStatus();
        pod.Status.Phase = "Running";
        pod.Status.StartTime = now;
        pod.Status.PodIP = "10.42.0." + Interlocked.Increment(ref _lastAddress).ToString(System.Globalization.CultureInfo.InvariantCulture);
        pod.Status.Conditions =
        [
            new PodCondition { Type = "PodScheduled", Status = "True", LastTransitionTime = now },
            new PodCondition { Type = "Initialized", Status = "True", LastTransitionTime = now },
            new PodCondition { Type = "ContainersReady", Status = "True", LastTransitionTime = now },
            new PodCondition { Type = "Ready", Status = "True", LastTransitionTime = now },
        ];
        pod.Status.ContainerStatuses = pod.Spec?.Containers?.Select(c => new ContainerStatus
        {
            Name = c.Name,
            Image = c.Image,
            Ready = true,
            Started = true,
            RestartCount = 0,
            State = new ContainerState { Running = new ContainerStateRunning { StartedAt = now } },
        }).ToList();
        try
        {
            await client.UpdateStatusAsync(pod, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException e) when (e.IsConflict || e.IsNotFound)
        {
            // Changed or deleted meanwhile: the next poll sees the new state.
        }
    }
}
