using KubeSharp.Api.Autoscaling.V2;

namespace KubeSharp.Controllers.Autoscaling;

/// <summary>A replica count the metrics asked for at a time (kept for the stabilization windows).</summary>
internal readonly record struct TimestampedRecommendation(int Replicas, DateTimeOffset Time);

/// <summary>A change of the target's replica count by the autoscaler (kept for the scaling policies' periods).</summary>
internal readonly record struct ScaleEvent(int Change, DateTimeOffset Time);

/// <summary>What one autoscaler remembers between syncs; lost when the controller restarts, as in Kubernetes.</summary>
internal sealed class ScalingHistory
{
    public List<TimestampedRecommendation> Recommendations { get; } = [];
    public List<ScaleEvent> ScaleUps { get; } = [];
    public List<ScaleEvent> ScaleDowns { get; } = [];
}

/// <summary>A condition to set on the autoscaler's status.</summary>
internal readonly record struct ConditionUpdate(string Type, string Status, string Reason, string Message);

/// <summary>The replica count to set after stabilization and limits, and the AbleToScale and ScalingLimited conditions explaining it.</summary>
internal sealed record NormalizedReplicas(int Replicas, ConditionUpdate AbleToScale, ConditionUpdate ScalingLimited);

/// <summary>
/// Turns the metrics' wish into the replica count to set, as the Horizontal Pod Autoscaler does. Without
/// spec.behavior: the highest recommendation of the downscale stabilization window (300 s by default) and at most
/// max(2 × current, 4) when scaling up. With spec.behavior: each direction's stabilization window (the lowest recent
/// recommendation bounds a scale-up, the highest a scale-down) and its policies (Pods or Percent per period, the
/// selectPolicy choosing the largest change, the smallest, or none), counting changes made within each period.
/// Both clamp to min/maxReplicas.
/// </summary>
internal static class ScalingNormalization
{
    public const string AbleToScale = "AbleToScale";
    public const string ScalingActive = "ScalingActive";
    public const string ScalingLimited = "ScalingLimited";

    /// <summary>The legacy rules, used when spec.behavior is absent.</summary>
    public static NormalizedReplicas WithoutBehavior(ScalingHistory history, int current, int desired, int min, int max, TimeSpan downscaleStabilization, DateTimeOffset now)
    {
        var stabilized = desired;
        var cutoff = now - downscaleStabilization;
        var replaced = false;
        for (var i = 0; i < history.Recommendations.Count; i++)
        {
            var recommendation = history.Recommendations[i];
            if (recommendation.Time < cutoff)
            {
                if (!replaced)
                {
                    history.Recommendations[i] = new TimestampedRecommendation(desired, now);
                    replaced = true;
                }
            }
            else
            {
                stabilized = Math.Max(stabilized, recommendation.Replicas);
            }
        }

        if (!replaced)
        {
            history.Recommendations.Add(new TimestampedRecommendation(desired, now));
        }

        var ableToScale = stabilized != desired
            ? new ConditionUpdate(AbleToScale, "True", "ScaleDownStabilized", "recent recommendations were higher than current one, applying the highest recent recommendation")
            : new ConditionUpdate(AbleToScale, "True", "ReadyForNewScale", "recommended size matches current size");

        var scaleUpLimit = Math.Max(2 * current, 4);
        var (upperBound, upperReason, upperMessage) = max > scaleUpLimit
            ? (scaleUpLimit, "ScaleUpLimit", "the desired replica count is increasing faster than the maximum scale rate")
            : (max, "TooManyReplicas", "the desired replica count is more than the maximum replica count");
        var (replicas, reason, message) = stabilized < min
            ? (min, "TooFewReplicas", "the desired replica count is less than the minimum replica count")
            : stabilized > upperBound
                ? (upperBound, upperReason, upperMessage)
                : (stabilized, "DesiredWithinRange", "the desired count is within the acceptable range");
        return new NormalizedReplicas(replicas, ableToScale, new ConditionUpdate(ScalingLimited, replicas == stabilized ? "False" : "True", reason, message));
    }

    /// <summary>The rules of spec.behavior; unset fields take Kubernetes' defaults (scale-down window: <paramref name="defaultDownscaleStabilization"/>).</summary>
    public static NormalizedReplicas WithBehavior(ScalingHistory history, HorizontalPodAutoscalerBehavior behavior, int current, int desired, int min, int max, TimeSpan defaultDownscaleStabilization, DateTimeOffset now)
    {
        var up = Completed(behavior.ScaleUp, AutoscalingV2Defaults.DefaultScaleUpRules(), TimeSpan.Zero);
        var down = Completed(behavior.ScaleDown, AutoscalingV2Defaults.DefaultScaleDownRules(), defaultDownscaleStabilization);
        var stabilized = Stabilize(history, current, desired, up.StabilizationWindowSeconds!.Value, down.StabilizationWindowSeconds!.Value, now);
        var ableToScale = stabilized == desired
            ? new ConditionUpdate(AbleToScale, "True", "ReadyForNewScale", "recommended size matches current size")
            : desired >= current
                ? new ConditionUpdate(AbleToScale, "True", "ScaleUpStabilized", "recent recommendations were lower than current one, applying the lowest recent recommendation")
                : new ConditionUpdate(AbleToScale, "True", "ScaleDownStabilized", "recent recommendations were higher than current one, applying the highest recent recommendation");

        var (replicas, reason, message) = (stabilized, "DesiredWithinRange", "the desired count is within the acceptable range");
        if (stabilized > current)
        {
            var limit = Math.Max(ScaleUpLimit(current, history.ScaleUps, history.ScaleDowns, up, now), current);
            var (upperBound, upperReason, upperMessage) = max > limit
                ? (limit, "ScaleUpLimit", "the desired replica count is increasing faster than the maximum scale rate")
                : (max, "TooManyReplicas", "the desired replica count is more than the maximum replica count");
            if (stabilized > upperBound)
            {
                (replicas, reason, message) = (upperBound, upperReason, upperMessage);
            }
        }
        else if (stabilized < current)
        {
            var limit = Math.Min(ScaleDownLimit(current, history.ScaleUps, history.ScaleDowns, down, now), current);
            var (lowerBound, lowerReason, lowerMessage) = min < limit
                ? (limit, "ScaleDownLimit", "the desired replica count is decreasing faster than the maximum scale rate")
                : (min, "TooFewReplicas", "the desired replica count is less than the minimum replica count");
            if (stabilized < lowerBound)
            {
                (replicas, reason, message) = (lowerBound, lowerReason, lowerMessage);
            }
        }

        return new NormalizedReplicas(replicas, ableToScale, new ConditionUpdate(ScalingLimited, replicas == stabilized ? "False" : "True", reason, message));
    }

    /// <summary>
    /// Brings <paramref name="desired"/> between the lowest recommendation of the scale-up window and the highest of
    /// the scale-down window (starting from the current count), then remembers it.
    /// </summary>
    public static int Stabilize(ScalingHistory history, int current, int desired, int upWindowSeconds, int downWindowSeconds, DateTimeOffset now)
    {
        var upCutoff = now.AddSeconds(-upWindowSeconds);
        var downCutoff = now.AddSeconds(-downWindowSeconds);
        int upRecommendation = desired, downRecommendation = desired;
        var oldest = -1;
        for (var i = 0; i < history.Recommendations.Count; i++)
        {
            var recommendation = history.Recommendations[i];
            if (recommendation.Time > upCutoff)
            {
                upRecommendation = Math.Min(upRecommendation, recommendation.Replicas);
            }

            if (recommendation.Time > downCutoff)
            {
                downRecommendation = Math.Max(downRecommendation, recommendation.Replicas);
            }

            if (recommendation.Time < upCutoff && recommendation.Time < downCutoff)
            {
                oldest = i;
            }
        }

        var stabilized = Math.Min(Math.Max(current, upRecommendation), downRecommendation);
        if (oldest >= 0)
        {
            history.Recommendations[oldest] = new TimestampedRecommendation(desired, now);
        }
        else
        {
            history.Recommendations.Add(new TimestampedRecommendation(desired, now));
        }

        return stabilized;
    }

    /// <summary>The most replicas the scale-up policies allow now, measured from the count at the start of each policy's period.</summary>
    public static int ScaleUpLimit(int current, IReadOnlyList<ScaleEvent> ups, IReadOnlyList<ScaleEvent> downs, HPAScalingRules rules, DateTimeOffset now)
    {
        var select = rules.SelectPolicy ?? "Max";
        if (select == "Disabled")
        {
            return current;
        }

        var limit = select == "Min" ? int.MaxValue : int.MinValue;
        foreach (var policy in rules.Policies ?? [])
        {
            var periodStart = current - ChangeWithin(ups, policy.PeriodSeconds ?? 0, now) + ChangeWithin(downs, policy.PeriodSeconds ?? 0, now);
            var proposed = policy.Type == "Pods"
                ? periodStart + (policy.Value ?? 0)
                : (int)Math.Ceiling(periodStart * (1 + (policy.Value ?? 0) / 100.0));
            limit = select == "Min" ? Math.Min(limit, proposed) : Math.Max(limit, proposed);
        }

        return limit;
    }

    /// <summary>The fewest replicas the scale-down policies allow now, measured from the count at the start of each policy's period.</summary>
    public static int ScaleDownLimit(int current, IReadOnlyList<ScaleEvent> ups, IReadOnlyList<ScaleEvent> downs, HPAScalingRules rules, DateTimeOffset now)
    {
        var select = rules.SelectPolicy ?? "Max";
        if (select == "Disabled")
        {
            return current;
        }

        var limit = select == "Min" ? int.MinValue : int.MaxValue;
        foreach (var policy in rules.Policies ?? [])
        {
            var periodStart = current - ChangeWithin(ups, policy.PeriodSeconds ?? 0, now) + ChangeWithin(downs, policy.PeriodSeconds ?? 0, now);
            var proposed = policy.Type == "Pods"
                ? periodStart - (policy.Value ?? 0)
                : (int)(periodStart * (1 - (policy.Value ?? 0) / 100.0));
            limit = select == "Min" ? Math.Max(limit, proposed) : Math.Min(limit, proposed);
        }

        return limit;
    }

    /// <summary>Remembers a change of scale for the policies (only with spec.behavior), forgetting changes older than the longest period.</summary>
    public static void RecordScaleEvent(ScalingHistory history, HorizontalPodAutoscalerBehavior? behavior, int previous, int next, DateTimeOffset now)
    {
        if (behavior is null || previous == next)
        {
            return;
        }

        var (events, rules, defaults) = next > previous
            ? (history.ScaleUps, behavior.ScaleUp, AutoscalingV2Defaults.DefaultScaleUpRules())
            : (history.ScaleDowns, behavior.ScaleDown, AutoscalingV2Defaults.DefaultScaleDownRules());
        var longest = (rules?.Policies ?? defaults.Policies ?? []).Select(p => p.PeriodSeconds ?? 0).DefaultIfEmpty(0).Max();
        events.RemoveAll(e => e.Time <= now.AddSeconds(-longest));
        events.Add(new ScaleEvent(Math.Abs(next - previous), now));
    }

    private static int ChangeWithin(IReadOnlyList<ScaleEvent> events, int periodSeconds, DateTimeOffset now)
    {
        var cutoff = now.AddSeconds(-periodSeconds);
        return events.Where(e => e.Time > cutoff).Sum(e => e.Change);
    }

    private static HPAScalingRules Completed(HPAScalingRules? given, HPAScalingRules defaults, TimeSpan defaultWindow) => new()
    {
        SelectPolicy = given?.SelectPolicy ?? defaults.SelectPolicy ?? "Max",
        Policies = given?.Policies ?? defaults.Policies,
        StabilizationWindowSeconds = given?.StabilizationWindowSeconds ?? defaults.StabilizationWindowSeconds ?? (int)defaultWindow.TotalSeconds,
    };
}
