namespace KubeSharp.Api.Autoscaling.V2;

/// <summary>Server-side defaulting of autoscaling/v2 objects.</summary>
public static class AutoscalingV2Defaults
{
    /// <summary>The CPU utilization target an autoscaler without metrics gets.</summary>
    public const int DefaultCpuUtilization = 80;

    public static void Apply(HorizontalPodAutoscaler autoscaler)
    {
        ArgumentNullException.ThrowIfNull(autoscaler);
        var spec = autoscaler.Spec ??= new HorizontalPodAutoscalerSpec();
        spec.MinReplicas ??= 1;
        if (spec.Metrics is not { Count: > 0 })
        {
            spec.Metrics = [CpuUtilizationMetric(DefaultCpuUtilization)];
        }

        // Behavior stays absent when absent; once given, every unset rule field is filled in.
        if (spec.Behavior is { } behavior)
        {
            behavior.ScaleUp = Complete(behavior.ScaleUp, DefaultScaleUpRules());
            behavior.ScaleDown = Complete(behavior.ScaleDown, DefaultScaleDownRules());
        }
    }

    /// <summary>A Resource metric targeting the given average CPU utilization.</summary>
    public static MetricSpec CpuUtilizationMetric(int percent) => new()
    {
        Type = "Resource",
        Resource = new ResourceMetricSource
        {
            Name = "cpu",
            Target = new MetricTarget { Type = "Utilization", AverageUtilization = percent },
        },
    };

    /// <summary>Scale up immediately by the larger of 4 pods or 100% every 15 seconds.</summary>
    public static HPAScalingRules DefaultScaleUpRules() => new()
    {
        StabilizationWindowSeconds = 0,
        SelectPolicy = "Max",
        Policies =
        [
            new HPAScalingPolicy { Type = "Pods", Value = 4, PeriodSeconds = 15 },
            new HPAScalingPolicy { Type = "Percent", Value = 100, PeriodSeconds = 15 },
        ],
    };

    /// <summary>
    /// Scale down by up to 100% every 15 seconds. The stabilization window stays unset: the
    /// controller's --horizontal-pod-autoscaler-downscale-stabilization flag (300 s) decides it.
    /// </summary>
    public static HPAScalingRules DefaultScaleDownRules() => new()
    {
        SelectPolicy = "Max",
        Policies = [new HPAScalingPolicy { Type = "Percent", Value = 100, PeriodSeconds = 15 }],
    };

    private static HPAScalingRules Complete(HPAScalingRules? given, HPAScalingRules defaults)
    {
        if (given is null)
        {
            return defaults;
        }

        defaults.SelectPolicy = given.SelectPolicy ?? defaults.SelectPolicy;
        defaults.StabilizationWindowSeconds = given.StabilizationWindowSeconds ?? defaults.StabilizationWindowSeconds;
        defaults.Policies = given.Policies ?? defaults.Policies;
        return defaults;
    }
}
