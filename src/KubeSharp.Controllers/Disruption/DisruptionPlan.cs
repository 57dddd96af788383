using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.Api.Policy.V1;

namespace KubeSharp.Controllers.Disruption;

/// <summary>
/// A PodDisruptionBudget's status from the pods its selector matches. Expected pods come from the
/// scale of the pods' controllers when the budget is relative to it (maxUnavailable, or a percentage
/// minAvailable), otherwise from the matching pod count. Pods recorded in disruptedPods by an eviction
/// count as unhealthy until they are deleted or <see cref="DisruptedPodTimeout"/> passes.
/// </summary>
internal static class DisruptionPlan
{
    public const string ConditionType = "DisruptionAllowed";

    /// <summary>How long an eviction's record of a pod is kept while the pod is not yet being deleted.</summary>
    public static readonly TimeSpan DisruptedPodTimeout = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The new status. <paramref name="controllerScale"/> is the summed desired replicas of the pods'
    /// distinct controllers, or null when some pod has no controller whose scale is known.
    /// </summary>
    public static PodDisruptionBudgetStatus Status(PodDisruptionBudget pdb, IReadOnlyList<Pod> pods, int? controllerScale, DateTimeOffset now)
    {
        var spec = pdb.Spec ?? new PodDisruptionBudgetSpec();
        var relativeToScale = spec.MaxUnavailable is not null || spec.MinAvailable is { IsInt: false };
        var expected = relativeToScale ? controllerScale ?? pods.Count : pods.Count;
        var desired = spec switch
        {
            { MaxUnavailable: { } max } => Math.Max(0, expected - max.Scaled(expected, roundUp: true)),
            { MinAvailable: { } min } => min.Scaled(expected, roundUp: true),
            _ => 0,
        };

        var disrupted = new Dictionary<string, DateTimeOffset>();
        foreach (var (name, at) in pdb.Status?.DisruptedPods ?? [])
        {
            if (pods.FirstOrDefault(p => p.Metadata?.Name == name) is { } pod && pod.Metadata?.DeletionTimestamp is null && at + DisruptedPodTimeout > now)
            {
                disrupted[name] = at;
            }
        }

        var healthy = pods.Count(p => p.Metadata?.DeletionTimestamp is null && !disrupted.ContainsKey(p.Metadata?.Name ?? "") && PodState.IsReady(p));
        var allowed = Math.Max(0, healthy - desired);
        var previous = pdb.Status?.Conditions?.FirstOrDefault(c => c.Type == ConditionType);
        var conditionStatus = allowed > 0 ? "True" : "False";
        return new PodDisruptionBudgetStatus
        {
            ObservedGeneration = pdb.Metadata?.Generation,
            DisruptedPods = disrupted.Count == 0 ? null : disrupted,
            DisruptionsAllowed = allowed,
            CurrentHealthy = healthy,
            DesiredHealthy = desired,
            ExpectedPods = expected,
            Conditions =
            [
                new Condition
                {
                    Type = ConditionType,
                    Status = conditionStatus,
                    Reason = allowed > 0 ? "SufficientPods" : "InsufficientPods",
                    Message = "",
                    ObservedGeneration = pdb.Metadata?.Generation,
                    LastTransitionTime = previous?.Status == conditionStatus && previous.LastTransitionTime is { } since
                        ? since
                        : DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds()),
                },
            ],
        };
    }

    /// <summary>When the earliest kept disruptedPods entry expires, if any: the status must be recomputed then.</summary>
    public static DateTimeOffset? NextExpiry(PodDisruptionBudgetStatus status) =>
        status.DisruptedPods is { Count: > 0 } d ? d.Values.Min() + DisruptedPodTimeout : null;
}
