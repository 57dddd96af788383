using System.Text.Json;
using V2 = KubeSharp.Api.Autoscaling.V2;

namespace KubeSharp.Api.Autoscaling.V1;

/// <summary>
/// Converts HorizontalPodAutoscalers between autoscaling/v1 and autoscaling/v2 the way the
/// Kubernetes API server does. v1 can only express a CPU utilization target; everything else a v2
/// object holds (other metrics, current metrics, conditions, behavior) travels in annotations on
/// the v1 object, so that v2 → v1 → v2 loses nothing.
/// </summary>
public static class HorizontalPodAutoscalerConversion
{
    /// <summary>v2 spec.metrics other than the CPU utilization target, as a JSON list of v1 MetricSpec.</summary>
    public const string MetricSpecsAnnotation = "autoscaling.alpha.kubernetes.io/metrics";
    /// <summary>v2 status.currentMetrics, as a JSON list of v1 MetricStatus.</summary>
    public const string MetricStatusesAnnotation = "autoscaling.alpha.kubernetes.io/current-metrics";
    /// <summary>v2 status.conditions, as a JSON list of conditions.</summary>
    public const string ConditionsAnnotation = "autoscaling.alpha.kubernetes.io/conditions";
    /// <summary>v2 spec.behavior, as JSON with Go field names (Kubernetes stores its internal type here).</summary>
    public const string BehaviorSpecsAnnotation = "autoscaling.alpha.kubernetes.io/behavior";

    private static readonly string[] RoundTripAnnotations = [MetricSpecsAnnotation, MetricStatusesAnnotation, ConditionsAnnotation, BehaviorSpecsAnnotation];

    // Kubernetes marshals its internal behavior type, which has no JSON tags: Go field names, nulls kept.
    private static readonly JsonSerializerOptions BehaviorJson = new()
    {
        PropertyNameCaseInsensitive = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static HorizontalPodAutoscaler ToV1(V2.HorizontalPodAutoscaler source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var target = new HorizontalPodAutoscaler
        {
            ApiVersion = "autoscaling/v1",
            Kind = "HorizontalPodAutoscaler",
            Metadata = WithoutRoundTripAnnotations(source.Metadata),
        };

        var annotations = new Dictionary<string, string>();
        if (source.Spec is { } spec)
        {
            target.Spec = new HorizontalPodAutoscalerSpec
            {
                ScaleTargetRef = spec.ScaleTargetRef is { } r ? new CrossVersionObjectReference { Kind = r.Kind, Name = r.Name, ApiVersion = r.ApiVersion } : null,
                MinReplicas = spec.MinReplicas,
                MaxReplicas = spec.MaxReplicas,
                TargetCPUUtilizationPercentage = spec.Metrics?.FirstOrDefault(IsCpuResource)?.Resource?.Target?.AverageUtilization,
            };

            var otherMetrics = (spec.Metrics ?? []).Where(m => !(IsCpuResource(m) && m.Resource?.Target?.AverageUtilization is not null)).Select(ToV1).ToList();
            if (otherMetrics.Count > 0)
            {
                annotations[MetricSpecsAnnotation] = KubeJson.Serialize(otherMetrics);
            }

            if (spec.Behavior is { } behavior)
            {
                annotations[BehaviorSpecsAnnotation] = JsonSerializer.Serialize(InternalBehavior.From(behavior), BehaviorJson);
            }
        }

        if (source.Status is { } status)
        {
            target.Status = new HorizontalPodAutoscalerStatus
            {
                ObservedGeneration = status.ObservedGeneration,
                LastScaleTime = status.LastScaleTime,
                CurrentReplicas = status.CurrentReplicas,
                DesiredReplicas = status.DesiredReplicas,
                CurrentCPUUtilizationPercentage = status.CurrentMetrics?.LastOrDefault(m => IsCpuResource(m) && m.Resource?.Current?.AverageUtilization is not null)?.Resource?.Current?.AverageUtilization,
            };

            // Saved even when it is only the CPU figure: the annotation also keeps the raw value.
            if (status.CurrentMetrics is { Count: > 0 } current)
            {
                annotations[MetricStatusesAnnotation] = KubeJson.Serialize(current.Select(ToV1).ToList());
            }

            if (status.Conditions is { Count: > 0 } conditions)
            {
                annotations[ConditionsAnnotation] = KubeJson.Serialize(conditions.Select(c => new HorizontalPodAutoscalerCondition
                {
                    Type = c.Type,
                    Status = c.Status,
                    LastTransitionTime = c.LastTransitionTime,
                    Reason = c.Reason,
                    Message = c.Message,
                }).ToList());
            }
        }

        if (annotations.Count > 0)
        {
            var meta = target.Meta;
            meta.Annotations ??= [];
            foreach (var (key, value) in annotations)
            {
                meta.Annotations[key] = value;
            }
        }

        return target;
    }

    /// <summary>
    /// Converts to v2, moving the round-trip annotations back into fields and dropping them.
    /// A malformed annotation is ignored, as if absent.
    /// </summary>
    public static V2.HorizontalPodAutoscaler ToV2(HorizontalPodAutoscaler source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var annotations = source.Metadata?.Annotations;
        var target = new V2.HorizontalPodAutoscaler
        {
            ApiVersion = "autoscaling/v2",
            Kind = "HorizontalPodAutoscaler",
            Metadata = WithoutRoundTripAnnotations(source.Metadata),
        };

        var spec = target.Spec = new V2.HorizontalPodAutoscalerSpec();
        if (source.Spec is { } sourceSpec)
        {
            spec.ScaleTargetRef = sourceSpec.ScaleTargetRef is { } r ? new V2.CrossVersionObjectReference { Kind = r.Kind, Name = r.Name, ApiVersion = r.ApiVersion } : null;
            spec.MinReplicas = sourceSpec.MinReplicas;
            spec.MaxReplicas = sourceSpec.MaxReplicas;
            if (sourceSpec.TargetCPUUtilizationPercentage is int cpu)
            {
                spec.Metrics = [V2.AutoscalingV2Defaults.CpuUtilizationMetric(cpu)];
            }
        }

        // The CPU target from the field goes after the metrics from the annotation.
        if (ReadAnnotation<List<MetricSpec>>(annotations, MetricSpecsAnnotation) is { } otherMetrics)
        {
            spec.Metrics = [.. otherMetrics.Select(ToV2), .. spec.Metrics ?? []];
        }

        // v1 always implied a CPU target; v2 states it.
        if (spec.Metrics is not { Count: > 0 })
        {
            spec.Metrics = [V2.AutoscalingV2Defaults.CpuUtilizationMetric(V2.AutoscalingV2Defaults.DefaultCpuUtilization)];
        }

        if (ReadBehavior(annotations) is { } behavior)
        {
            spec.Behavior = behavior;
        }

        if (source.Status is { } sourceStatus)
        {
            target.Status = new V2.HorizontalPodAutoscalerStatus
            {
                ObservedGeneration = sourceStatus.ObservedGeneration,
                LastScaleTime = sourceStatus.LastScaleTime,
                CurrentReplicas = sourceStatus.CurrentReplicas,
                DesiredReplicas = sourceStatus.DesiredReplicas,
            };
            if (sourceStatus.CurrentCPUUtilizationPercentage is int cpu)
            {
                target.Status.CurrentMetrics =
                [
                    new V2.MetricStatus
                    {
                        Type = "Resource",
                        Resource = new V2.ResourceMetricStatus { Name = "cpu", Current = new V2.MetricValueStatus { AverageUtilization = cpu } },
                    },
                ];
            }
        }

        // The annotations carry more than the status fields, so they win.
        if (ReadAnnotation<List<MetricStatus>>(annotations, MetricStatusesAnnotation) is { } currentMetrics)
        {
            (target.Status ??= new V2.HorizontalPodAutoscalerStatus()).CurrentMetrics = currentMetrics.Select(ToV2).ToList();
        }

        if (ReadAnnotation<List<HorizontalPodAutoscalerCondition>>(annotations, ConditionsAnnotation) is { } conditions)
        {
            (target.Status ??= new V2.HorizontalPodAutoscalerStatus()).Conditions = conditions.Select(c => new V2.HorizontalPodAutoscalerCondition
            {
                Type = c.Type,
                Status = c.Status,
                LastTransitionTime = c.LastTransitionTime,
                Reason = c.Reason,
                Message = c.Message,
            }).ToList();
        }

        return target;
    }

    private static bool IsCpuResource(V2.MetricSpec metric) => metric.Type == "Resource" && metric.Resource?.Name == "cpu";

    private static bool IsCpuResource(V2.MetricStatus metric) => metric.Type == "Resource" && metric.Resource?.Name == "cpu";

    private static ObjectMeta? WithoutRoundTripAnnotations(ObjectMeta? meta)
    {
        if (meta is null)
        {
            return null;
        }

        var copy = KubeJson.Deserialize<ObjectMeta>(KubeJson.SerializeToUtf8Bytes(meta))!;
        if (copy.Annotations is { } annotations)
        {
            foreach (var key in RoundTripAnnotations)
            {
                annotations.Remove(key);
            }

            if (annotations.Count == 0)
            {
                copy.Annotations = null;
            }
        }

        return copy;
    }

    private static T? ReadAnnotation<T>(Dictionary<string, string>? annotations, string key)
        where T : class
    {
        if (annotations?.TryGetValue(key, out var json) != true)
        {
            return null;
        }

        try
        {
            return KubeJson.Deserialize<T>(json!);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static V2.HorizontalPodAutoscalerBehavior? ReadBehavior(Dictionary<string, string>? annotations)
    {
        if (annotations?.TryGetValue(BehaviorSpecsAnnotation, out var json) != true)
        {
            return null;
        }

        try
        {
            var behavior = JsonSerializer.Deserialize<InternalBehavior>(json!, BehaviorJson);

            // Only well-formed, non-empty data becomes a field.
            return behavior is { ScaleUp: null, ScaleDown: null } or null ? null : behavior.ToV2();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static MetricSpec ToV1(V2.MetricSpec m) => new()
    {
        Type = m.Type,
        Object = m.Object is { } o ? new ObjectMetricSource
        {
            Target = ToV1(o.DescribedObject),
            MetricName = o.Metric?.Name,
            Selector = o.Metric?.Selector,
            TargetValue = o.Target?.Value ?? Zero,
            AverageValue = o.Target?.AverageValue,
        } : null,
        Pods = m.Pods is { } p ? new PodsMetricSource
        {
            MetricName = p.Metric?.Name,
            Selector = p.Metric?.Selector,
            TargetAverageValue = p.Target?.AverageValue ?? Zero,
        } : null,
        Resource = m.Resource is { } r ? new ResourceMetricSource
        {
            Name = r.Name,
            TargetAverageUtilization = r.Target?.AverageUtilization,
            TargetAverageValue = r.Target?.AverageValue,
        } : null,
        ContainerResource = m.ContainerResource is { } c ? new ContainerResourceMetricSource
        {
            Name = c.Name,
            Container = c.Container,
            TargetAverageUtilization = c.Target?.AverageUtilization,
            TargetAverageValue = c.Target?.AverageValue,
        } : null,
        External = m.External is { } e ? new ExternalMetricSource
        {
            MetricName = e.Metric?.Name,
            MetricSelector = e.Metric?.Selector,
            TargetValue = e.Target?.Value,
            TargetAverageValue = e.Target?.AverageValue,
        } : null,
    };

    private static V2.MetricSpec ToV2(MetricSpec m) => new()
    {
        Type = m.Type,
        Object = m.Object is { } o ? new V2.ObjectMetricSource
        {
            DescribedObject = ToV2(o.Target),
            Metric = new V2.MetricIdentifier { Name = o.MetricName, Selector = o.Selector },
            Target = new V2.MetricTarget { Type = o.AverageValue is null ? "Value" : "AverageValue", Value = o.TargetValue, AverageValue = o.AverageValue },
        } : null,
        Pods = m.Pods is { } p ? new V2.PodsMetricSource
        {
            Metric = new V2.MetricIdentifier { Name = p.MetricName, Selector = p.Selector },
            Target = new V2.MetricTarget { Type = "AverageValue", AverageValue = p.TargetAverageValue },
        } : null,
        Resource = m.Resource is { } r ? new V2.ResourceMetricSource
        {
            Name = r.Name,
            Target = ResourceTarget(r.TargetAverageUtilization, r.TargetAverageValue),
        } : null,
        ContainerResource = m.ContainerResource is { } c ? new V2.ContainerResourceMetricSource
        {
            Name = c.Name,
            Container = c.Container,
            Target = ResourceTarget(c.TargetAverageUtilization, c.TargetAverageValue),
        } : null,
        External = m.External is { } e ? new V2.ExternalMetricSource
        {
            Metric = new V2.MetricIdentifier { Name = e.MetricName, Selector = e.MetricSelector },
            Target = new V2.MetricTarget { Type = e.TargetValue is null ? "AverageValue" : "Value", Value = e.TargetValue, AverageValue = e.TargetAverageValue },
        } : null,
    };

    private static V2.MetricTarget ResourceTarget(int? utilization, Quantity? averageValue) => new()
    {
        Type = utilization is null ? "AverageValue" : "Utilization",
        AverageUtilization = utilization,
        AverageValue = averageValue,
    };

    private static MetricStatus ToV1(V2.MetricStatus m) => new()
    {
        Type = m.Type,
        Object = m.Object is { } o ? new ObjectMetricStatus
        {
            Target = ToV1(o.DescribedObject),
            MetricName = o.Metric?.Name,
            Selector = o.Metric?.Selector,
            CurrentValue = o.Current?.Value ?? Zero,
            AverageValue = o.Current?.AverageValue,
        } : null,
        Pods = m.Pods is { } p ? new PodsMetricStatus
        {
            MetricName = p.Metric?.Name,
            Selector = p.Metric?.Selector,
            CurrentAverageValue = p.Current?.AverageValue ?? Zero,
        } : null,
        Resource = m.Resource is { } r ? new ResourceMetricStatus
        {
            Name = r.Name,
            CurrentAverageUtilization = r.Current?.AverageUtilization,
            CurrentAverageValue = r.Current?.AverageValue ?? Zero,
        } : null,
        ContainerResource = m.ContainerResource is { } c ? new ContainerResourceMetricStatus
        {
            Name = c.Name,
            Container = c.Container,
            CurrentAverageUtilization = c.Current?.AverageUtilization,
            CurrentAverageValue = c.Current?.AverageValue ?? Zero,
        } : null,
        External = m.External is { } e ? new ExternalMetricStatus
        {
            MetricName = e.Metric?.Name,
            MetricSelector = e.Metric?.Selector,
            CurrentValue = e.Current?.Value ?? Zero,
            CurrentAverageValue = e.Current?.AverageValue,
        } : null,
    };

    private static V2.MetricStatus ToV2(MetricStatus m) => new()
    {
        Type = m.Type,
        Object = m.Object is { } o ? new V2.ObjectMetricStatus
        {
            DescribedObject = ToV2(o.Target),
            Metric = new V2.MetricIdentifier { Name = o.MetricName, Selector = o.Selector },
            Current = new V2.MetricValueStatus { Value = o.CurrentValue, AverageValue = o.AverageValue },
        } : null,
        Pods = m.Pods is { } p ? new V2.PodsMetricStatus
        {
            Metric = new V2.MetricIdentifier { Name = p.MetricName, Selector = p.Selector },
            Current = new V2.MetricValueStatus { AverageValue = p.CurrentAverageValue },
        } : null,
        Resource = m.Resource is { } r ? new V2.ResourceMetricStatus
        {
            Name = r.Name,
            Current = new V2.MetricValueStatus { AverageValue = r.CurrentAverageValue, AverageUtilization = r.CurrentAverageUtilization },
        } : null,
        ContainerResource = m.ContainerResource is { } c ? new V2.ContainerResourceMetricStatus
        {
            Name = c.Name,
            Container = c.Container,
            Current = new V2.MetricValueStatus { AverageValue = c.CurrentAverageValue, AverageUtilization = c.CurrentAverageUtilization },
        } : null,
        External = m.External is { } e ? new V2.ExternalMetricStatus
        {
            Metric = new V2.MetricIdentifier { Name = e.MetricName, Selector = e.MetricSelector },
            Current = new V2.MetricValueStatus { Value = e.CurrentValue, AverageValue = e.CurrentAverageValue },
        } : null,
    };

    private static Quantity Zero => new(0m);

    private static CrossVersionObjectReference? ToV1(V2.CrossVersionObjectReference? r) =>
        r is null ? null : new() { Kind = r.Kind, Name = r.Name, ApiVersion = r.ApiVersion };

    private static V2.CrossVersionObjectReference? ToV2(CrossVersionObjectReference? r) =>
        r is null ? null : new() { Kind = r.Kind, Name = r.Name, ApiVersion = r.ApiVersion };

    /// <summary>The shape of Kubernetes' internal HorizontalPodAutoscalerBehavior in JSON.</summary>
    private sealed class InternalBehavior
    {
        public InternalRules? ScaleUp { get; set; }
        public InternalRules? ScaleDown { get; set; }

        public static InternalBehavior From(V2.HorizontalPodAutoscalerBehavior b) => new()
        {
            ScaleUp = InternalRules.From(b.ScaleUp),
            ScaleDown = InternalRules.From(b.ScaleDown),
        };

        public V2.HorizontalPodAutoscalerBehavior ToV2() => new() { ScaleUp = ScaleUp?.ToV2(), ScaleDown = ScaleDown?.ToV2() };
    }

    private sealed class InternalRules
    {
        public int? StabilizationWindowSeconds { get; set; }
        public string? SelectPolicy { get; set; }
        public List<InternalPolicy>? Policies { get; set; }

        public static InternalRules? From(V2.HPAScalingRules? r) => r is null ? null : new()
        {
            StabilizationWindowSeconds = r.StabilizationWindowSeconds,
            SelectPolicy = r.SelectPolicy,
            Policies = r.Policies?.Select(p => new InternalPolicy { Type = p.Type ?? "", Value = p.Value ?? 0, PeriodSeconds = p.PeriodSeconds ?? 0 }).ToList(),
        };

        public V2.HPAScalingRules ToV2() => new()
        {
            StabilizationWindowSeconds = StabilizationWindowSeconds,
            SelectPolicy = SelectPolicy,
            Policies = Policies?.Select(p => new V2.HPAScalingPolicy { Type = p.Type, Value = p.Value, PeriodSeconds = p.PeriodSeconds }).ToList(),
        };
    }

    private sealed class InternalPolicy
    {
        public string Type { get; set; } = "";
        public int Value { get; set; }
        public int PeriodSeconds { get; set; }
    }
}
