using KubeSharp.Api.Apps.V1;

namespace KubeSharp.Controllers.Deployments;

/// <summary>How the deployment found its new ReplicaSet in this sync, for the Progressing condition.</summary>
internal enum NewReplicaSetEvent
{
    None,
    Created,
    Found,
}

/// <summary>
/// The status a Deployment reports, as a pure function of its ReplicaSets: counts, and the
/// Available and Progressing conditions with Kubernetes' reasons and messages (kubectl rollout
/// status reads them).
/// </summary>
internal static class DeploymentStatusPlan
{
    public const string Available = "Available";
    public const string Progressing = "Progressing";

    public static DeploymentStatus Compute(
        Deployment deployment,
        ReplicaSet? newReplicaSet,
        IReadOnlyList<ReplicaSet> allReplicaSets,
        int maxUnavailable,
        NewReplicaSetEvent newReplicaSetEvent,
        DateTimeOffset now)
    {
        var desired = deployment.Spec?.Replicas ?? 1;
        var previous = deployment.Status;
        var status = new DeploymentStatus
        {
            ObservedGeneration = deployment.Metadata?.Generation,
            Replicas = allReplicaSets.Sum(r => r.Status?.Replicas ?? 0),
            UpdatedReplicas = newReplicaSet?.Status?.Replicas ?? 0,
            ReadyReplicas = allReplicaSets.Sum(r => r.Status?.ReadyReplicas ?? 0),
            AvailableReplicas = allReplicaSets.Sum(r => r.Status?.AvailableReplicas ?? 0),
            CollisionCount = previous?.CollisionCount,
            Conditions = previous?.Conditions?.Select(ObjectCopy.Clone).ToList() ?? [],
        };
        status.UnavailableReplicas = Math.Max(desired - status.AvailableReplicas.Value, 0);

        if (status.AvailableReplicas >= desired - maxUnavailable)
        {
            SetCondition(status, Available, "True", "MinimumReplicasAvailable", "Deployment has minimum availability.", now);
        }
        else
        {
            SetCondition(status, Available, "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability.", now);
        }

        var rsName = newReplicaSet?.Metadata?.Name ?? "";
        var progressing = status.Conditions.FirstOrDefault(c => c.Type == Progressing);
        if (deployment.Spec?.Paused == true)
        {
            if (progressing?.Reason != "DeploymentPaused")
            {
                SetCondition(status, Progressing, "Unknown", "DeploymentPaused", "Deployment is paused", now);
            }

            return OmitZeros(status);
        }

        if (progressing?.Reason == "DeploymentPaused")
        {
            SetCondition(status, Progressing, "Unknown", "DeploymentResumed", "Deployment is resumed", now);
            progressing = status.Conditions.First(c => c.Type == Progressing);
        }

        if (IsComplete(deployment, status))
        {
            SetCondition(status, Progressing, "True", "NewReplicaSetAvailable", $"ReplicaSet \"{rsName}\" has successfully progressed.", now);
        }
        else if (newReplicaSetEvent == NewReplicaSetEvent.Created)
        {
            SetCondition(status, Progressing, "True", "NewReplicaSetCreated", $"Created new replica set \"{rsName}\"", now);
        }
        else if (newReplicaSetEvent == NewReplicaSetEvent.Found || (newReplicaSet is not null && progressing?.Message?.Contains($"\"{rsName}\"", StringComparison.Ordinal) != true))
        {
            SetCondition(status, Progressing, "True", "FoundNewReplicaSet", $"Found new replica set \"{rsName}\"", now);
        }
        else if (MadeProgress(previous, status))
        {
            SetCondition(status, Progressing, "True", "ReplicaSetUpdated", $"ReplicaSet \"{rsName}\" is progressing.", now, touch: true);
        }
        else if (TimedOut(deployment, progressing, now))
        {
            SetCondition(status, Progressing, "False", "ProgressDeadlineExceeded", $"ReplicaSet \"{rsName}\" has timed out progressing.", now);
        }

        return OmitZeros(status);
    }

    /// <summary>Zero counts are left out, as Kubernetes serialises them (omitempty).</summary>
    private static DeploymentStatus OmitZeros(DeploymentStatus status)
    {
        static int? NullIfZero(int? value) => value == 0 ? null : value;
        status.Replicas = NullIfZero(status.Replicas);
        status.UpdatedReplicas = NullIfZero(status.UpdatedReplicas);
        status.ReadyReplicas = NullIfZero(status.ReadyReplicas);
        status.AvailableReplicas = NullIfZero(status.AvailableReplicas);
        status.UnavailableReplicas = NullIfZero(status.UnavailableReplicas);
        return status;
    }

    /// <summary>Every desired replica is updated and available and no old replica remains.</summary>
    public static bool IsComplete(Deployment deployment, DeploymentStatus status)
    {
        var desired = deployment.Spec?.Replicas ?? 1;
        return status.UpdatedReplicas == desired && status.Replicas == desired && status.AvailableReplicas == desired
            && status.ObservedGeneration >= (deployment.Metadata?.Generation ?? 0);
    }

    private static bool MadeProgress(DeploymentStatus? previous, DeploymentStatus current) =>
        previous is null
        || current.UpdatedReplicas > (previous.UpdatedReplicas ?? 0)
        || current.AvailableReplicas > (previous.AvailableReplicas ?? 0)
        || current.ReadyReplicas > (previous.ReadyReplicas ?? 0)
        || (current.Replicas - current.UpdatedReplicas) < ((previous.Replicas ?? 0) - (previous.UpdatedReplicas ?? 0));

    /// <summary>The progress deadline passed since the last progress, and the rollout is not complete.</summary>
    public static bool TimedOut(Deployment deployment, DeploymentCondition? progressing, DateTimeOffset now)
    {
        if (deployment.Spec?.ProgressDeadlineSeconds is not int deadline || deadline == int.MaxValue || progressing is null)
        {
            return false;
        }

        if (progressing.Reason is "NewReplicaSetAvailable" or "ProgressDeadlineExceeded")
        {
            return false;
        }

        var since = progressing.LastUpdateTime ?? progressing.LastTransitionTime ?? now;
        return since.AddSeconds(deadline) < now;
    }

    /// <summary>How long until the progress deadline of the current Progressing condition passes, if it can.</summary>
    public static TimeSpan? UntilDeadline(Deployment deployment, DeploymentStatus status, DateTimeOffset now)
    {
        var progressing = status.Conditions?.FirstOrDefault(c => c.Type == Progressing);
        if (deployment.Spec?.ProgressDeadlineSeconds is not int deadline || deadline == int.MaxValue || progressing is null
            || progressing.Reason is "NewReplicaSetAvailable" or "ProgressDeadlineExceeded" or "DeploymentPaused")
        {
            return null;
        }

        var at = (progressing.LastUpdateTime ?? now).AddSeconds(deadline) - now + TimeSpan.FromSeconds(1);
        return at < TimeSpan.Zero ? TimeSpan.Zero : at;
    }

    /// <summary>Sets a condition; times change only with status (transition) or content (update), or when <paramref name="touch"/>.</summary>
    internal static void SetCondition(DeploymentStatus status, string type, string value, string reason, string message, DateTimeOffset now, bool touch = false)
    {
        var conditions = status.Conditions ??= [];
        var existing = conditions.FirstOrDefault(c => c.Type == type);
        var stamp = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
        if (existing is not null && existing.Status == value && existing.Reason == reason && existing.Message == message && !touch)
        {
            return;
        }

        if (existing is null)
        {
            conditions.Add(new DeploymentCondition { Type = type, Status = value, Reason = reason, Message = message, LastUpdateTime = stamp, LastTransitionTime = stamp });
            return;
        }

        if (existing.Status != value)
        {
            existing.LastTransitionTime = stamp;
        }

        existing.Status = value;
        existing.Reason = reason;
        existing.Message = message;
        existing.LastUpdateTime = stamp;
    }
}
