using KubeSharp.Api;
using KubeSharp.Api.Core.V1;

namespace KubeSharp.Controllers;

/// <summary>What controllers read from a pod's status: activity, readiness, availability.</summary>
internal static class PodState
{
    /// <summary>Not finished (Succeeded/Failed) and not being deleted: counts towards replicas.</summary>
    public static bool IsActive(Pod pod) =>
        pod.Status?.Phase is not ("Succeeded" or "Failed") && pod.Metadata?.DeletionTimestamp is null;

    public static bool IsReady(Pod pod) => ReadyCondition(pod)?.Status == "True";

    /// <summary>When the pod last became ready, or null when it is not ready.</summary>
    public static DateTimeOffset? ReadySince(Pod pod) =>
        ReadyCondition(pod) is { Status: "True" } ready ? ready.LastTransitionTime ?? pod.Metadata?.CreationTimestamp ?? DateTimeOffset.MinValue : null;

    /// <summary>Ready for at least <paramref name="minReadySeconds"/> at <paramref name="now"/>.</summary>
    public static bool IsAvailable(Pod pod, int minReadySeconds, DateTimeOffset now)
    {
        if (ReadySince(pod) is not { } since)
        {
            return false;
        }

        return minReadySeconds <= 0 || since.AddSeconds(minReadySeconds) <= now;
    }

    public static int RestartCount(Pod pod) => pod.Status?.ContainerStatuses?.Sum(c => c.RestartCount ?? 0) ?? 0;

    private static PodCondition? ReadyCondition(Pod pod) => pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready");

    /// <summary>The ownerReference with controller=true, if any.</summary>
    public static OwnerReference? ControllerOf(KubernetesObject obj) =>
        obj.Metadata?.OwnerReferences?.FirstOrDefault(o => o.Controller == true);
}
