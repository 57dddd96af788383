using System.Text.Json.Nodes;
using KubeSharp.Api.Autoscaling.V1;
using V2 = KubeSharp.Api.Autoscaling.V2;

namespace KubeSharp.Api.Tests;

public sealed class AutoscalingTests
{
    private const string HpaV2Json = """
        {
          "apiVersion": "autoscaling/v2",
          "kind": "HorizontalPodAutoscaler",
          "metadata": { "name": "web", "namespace": "shop", "annotations": { "team": "storefront" } },
          "spec": {
            "scaleTargetRef": { "apiVersion": "apps/v1", "kind": "Deployment", "name": "web" },
            "minReplicas": 2,
            "maxReplicas": 20,
            "metrics": [
              { "type": "Resource", "resource": { "name": "cpu", "target": { "type": "Utilization", "averageUtilization": 60 } } },
              { "type": "Resource", "resource": { "name": "memory", "target": { "type": "AverageValue", "averageValue": "512Mi" } } },
              { "type": "ContainerResource", "containerResource": { "name": "cpu", "container": "app", "target": { "type": "Utilization", "averageUtilization": 70 } } },
              { "type": "Pods", "pods": { "metric": { "name": "requests_per_second", "selector": { "matchLabels": { "verb": "GET" } } }, "target": { "type": "AverageValue", "averageValue": "1k" } } },
              { "type": "Object", "object": { "describedObject": { "apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "name": "main" }, "metric": { "name": "hits" }, "target": { "type": "Value", "value": "10k" } } },
              { "type": "External", "external": { "metric": { "name": "queue_depth", "selector": { "matchLabels": { "queue": "orders" } } }, "target": { "type": "AverageValue", "averageValue": "30" } } }
            ],
            "behavior": {
              "scaleUp": { "stabilizationWindowSeconds": 0, "selectPolicy": "Max", "policies": [ { "type": "Pods", "value": 4, "periodSeconds": 15 }, { "type": "Percent", "value": 100, "periodSeconds": 15 } ] },
              "scaleDown": { "stabilizationWindowSeconds": 300, "selectPolicy": "Min", "policies": [ { "type": "Percent", "value": 10, "periodSeconds": 60 } ] }
            }
          },
          "status": {
            "observedGeneration": 4,
            "lastScaleTime": "2024-05-01T10:00:00Z",
            "currentReplicas": 5,
            "desiredReplicas": 6,
            "currentMetrics": [
              { "type": "Resource", "resource": { "name": "cpu", "current": { "averageValue": "250m", "averageUtilization": 65 } } },
              { "type": "External", "external": { "metric": { "name": "queue_depth" }, "current": { "value": "150", "averageValue": "30" } } }
            ],
            "conditions": [
              { "type": "AbleToScale", "status": "True", "lastTransitionTime": "2024-05-01T09:00:00Z", "reason": "ReadyForNewScale", "message": "recommended size matches current size" },
              { "type": "ScalingActive", "status": "True", "lastTransitionTime": "2024-05-01T09:00:00Z", "reason": "ValidMetricFound", "message": "the HPA was able to compute the replica count" }
            ]
          }
        }
        """;

    [Fact]
    public void Hpa_v2_round_trips_with_every_metric_source_behavior_and_status()
    {
        var hpa = ApiGroupJson.AssertRoundTripLossless<V2.HorizontalPodAutoscaler>(HpaV2Json);
        Assert.Equal(6, hpa.Spec!.Metrics!.Count);
        Assert.Equal(new Quantity(512m * 1024 * 1024), hpa.Spec.Metrics[1].Resource!.Target!.AverageValue);
    }

    [Fact]
    public void Hpa_v2_without_metrics_targets_80_percent_cpu_and_one_replica()
    {
        var hpa = new V2.HorizontalPodAutoscaler { Spec = new V2.HorizontalPodAutoscalerSpec { MaxReplicas = 5 } };

        V2.AutoscalingV2Defaults.Apply(hpa);

        Assert.Equal(1, hpa.Spec.MinReplicas);
        var metric = Assert.Single(hpa.Spec.Metrics!);
        Assert.Equal("cpu", metric.Resource!.Name);
        Assert.Equal("Utilization", metric.Resource.Target!.Type);
        Assert.Equal(80, metric.Resource.Target.AverageUtilization);
        Assert.Null(hpa.Spec.Behavior);
    }

    [Fact]
    public void Hpa_v2_partial_behavior_is_completed_with_kubernetes_scaling_rules()
    {
        var hpa = new V2.HorizontalPodAutoscaler
        {
            Spec = new V2.HorizontalPodAutoscalerSpec { Behavior = new V2.HorizontalPodAutoscalerBehavior { ScaleDown = new V2.HPAScalingRules { StabilizationWindowSeconds = 60 } } },
        };

        V2.AutoscalingV2Defaults.Apply(hpa);

        var up = hpa.Spec.Behavior.ScaleUp!;
        Assert.Equal(0, up.StabilizationWindowSeconds);
        Assert.Equal("Max", up.SelectPolicy);
        Assert.Equal([("Pods", 4, 15), ("Percent", 100, 15)], up.Policies!.Select(p => (p.Type, p.Value ?? 0, p.PeriodSeconds ?? 0)));
        var down = hpa.Spec.Behavior.ScaleDown!;
        Assert.Equal(60, down.StabilizationWindowSeconds);
        Assert.Equal("Max", down.SelectPolicy);
        Assert.Equal([("Percent", 100, 15)], down.Policies!.Select(p => (p.Type, p.Value ?? 0, p.PeriodSeconds ?? 0)));
    }

    [Fact]
    public void Hpa_v1_defaults_min_replicas_to_one()
    {
        var hpa = new HorizontalPodAutoscaler();

        AutoscalingV1Defaults.Apply(hpa);

        Assert.Equal(1, hpa.Spec!.MinReplicas);
    }

    [Fact]
    public void V2_to_v1_keeps_the_cpu_target_as_a_field_and_everything_else_in_annotations()
    {
        var v2 = KubeJson.Deserialize<V2.HorizontalPodAutoscaler>(HpaV2Json)!;

        var v1 = HorizontalPodAutoscalerConversion.ToV1(v2);

        Assert.Equal("autoscaling/v1", v1.ApiVersion);
        Assert.Equal(60, v1.Spec!.TargetCPUUtilizationPercentage);
        Assert.Equal(65, v1.Status!.CurrentCPUUtilizationPercentage);
        Assert.Equal(6, v1.Status.DesiredReplicas);
        var annotations = v1.Metadata!.Annotations!;
        Assert.Equal("storefront", annotations["team"]);
        var otherMetrics = JsonNode.Parse(annotations[HorizontalPodAutoscalerConversion.MetricSpecsAnnotation])!.AsArray();
        Assert.Equal(5, otherMetrics.Count);
        Assert.Equal("512Mi", (string?)otherMetrics[0]!["resource"]!["targetAverageValue"]);
        Assert.Equal("hits", (string?)otherMetrics[3]!["object"]!["metricName"]);
        Assert.Equal("Ingress", (string?)otherMetrics[3]!["object"]!["target"]!["kind"]);
        Assert.Equal(2, JsonNode.Parse(annotations[HorizontalPodAutoscalerConversion.MetricStatusesAnnotation])!.AsArray().Count);
        Assert.Equal("AbleToScale", (string?)JsonNode.Parse(annotations[HorizontalPodAutoscalerConversion.ConditionsAnnotation])![0]!["type"]);
        var behavior = JsonNode.Parse(annotations[HorizontalPodAutoscalerConversion.BehaviorSpecsAnnotation])!;
        Assert.Equal(300, (int?)behavior["ScaleDown"]!["StabilizationWindowSeconds"]);
        Assert.Equal("Pods", (string?)behavior["ScaleUp"]!["Policies"]![0]!["Type"]);
    }

    [Fact]
    public void V2_to_v1_to_v2_loses_nothing_but_reorders_the_cpu_target_last()
    {
        var original = KubeJson.Deserialize<V2.HorizontalPodAutoscaler>(HpaV2Json)!;

        var back = HorizontalPodAutoscalerConversion.ToV2(HorizontalPodAutoscalerConversion.ToV1(original));

        Assert.Equal("cpu", back.Spec!.Metrics![^1].Resource!.Name);
        Assert.Equal(60, back.Spec.Metrics[^1].Resource!.Target!.AverageUtilization);
        var expected = JsonNode.Parse(HpaV2Json)!;
        var cpu = expected["spec"]!["metrics"]!.AsArray()[0]!;
        expected["spec"]!["metrics"]!.AsArray().RemoveAt(0);
        expected["spec"]!["metrics"]!.AsArray().Add(cpu);
        var actual = JsonNode.Parse(KubeJson.Serialize(back));
        Assert.True(JsonNode.DeepEquals(expected, actual), actual!.ToJsonString());
    }

    [Fact]
    public void V1_with_cpu_target_becomes_a_v2_cpu_utilization_metric()
    {
        var v1 = new HorizontalPodAutoscaler
        {
            Metadata = new ObjectMeta { Name = "web" },
            Spec = new HorizontalPodAutoscalerSpec
            {
                ScaleTargetRef = new CrossVersionObjectReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = "web" },
                MinReplicas = 1,
                MaxReplicas = 10,
                TargetCPUUtilizationPercentage = 50,
            },
            Status = new HorizontalPodAutoscalerStatus { CurrentReplicas = 2, DesiredReplicas = 3, CurrentCPUUtilizationPercentage = 75 },
        };

        var v2 = HorizontalPodAutoscalerConversion.ToV2(v1);

        Assert.Equal("autoscaling/v2", v2.ApiVersion);
        Assert.Equal("Deployment", v2.Spec!.ScaleTargetRef!.Kind);
        var metric = Assert.Single(v2.Spec.Metrics!);
        Assert.Equal(("Resource", "cpu", "Utilization", 50), (metric.Type, metric.Resource!.Name, metric.Resource.Target!.Type, metric.Resource.Target.AverageUtilization ?? 0));
        Assert.Equal(75, Assert.Single(v2.Status!.CurrentMetrics!).Resource!.Current!.AverageUtilization);
        Assert.Null(v2.Metadata!.Annotations);
    }

    [Fact]
    public void V1_without_cpu_target_gets_the_implicit_80_percent_target_in_v2()
    {
        var v2 = HorizontalPodAutoscalerConversion.ToV2(new HorizontalPodAutoscaler { Spec = new HorizontalPodAutoscalerSpec { MaxReplicas = 3 } });

        Assert.Equal(80, Assert.Single(v2.Spec!.Metrics!).Resource!.Target!.AverageUtilization);
    }

    [Fact]
    public void V1_round_trip_annotations_are_removed_and_malformed_ones_ignored()
    {
        var v1 = new HorizontalPodAutoscaler
        {
            Metadata = new ObjectMeta
            {
                Annotations = new()
                {
                    [HorizontalPodAutoscalerConversion.MetricSpecsAnnotation] = "not json",
                    [HorizontalPodAutoscalerConversion.BehaviorSpecsAnnotation] = "{}",
                    ["keep"] = "me",
                },
            },
            Spec = new HorizontalPodAutoscalerSpec { TargetCPUUtilizationPercentage = 30 },
        };

        var v2 = HorizontalPodAutoscalerConversion.ToV2(v1);

        Assert.Equal(new Dictionary<string, string> { ["keep"] = "me" }, v2.Metadata!.Annotations);
        Assert.Equal(30, Assert.Single(v2.Spec!.Metrics!).Resource!.Target!.AverageUtilization);
        Assert.Null(v2.Spec.Behavior);
    }

    [Fact]
    public void Stale_round_trip_annotations_on_a_v2_object_are_not_passed_on_to_v1()
    {
        var v2 = new V2.HorizontalPodAutoscaler
        {
            Metadata = new ObjectMeta { Annotations = new() { [HorizontalPodAutoscalerConversion.ConditionsAnnotation] = "[]" } },
            Spec = new V2.HorizontalPodAutoscalerSpec { Metrics = [V2.AutoscalingV2Defaults.CpuUtilizationMetric(50)] },
        };

        var v1 = HorizontalPodAutoscalerConversion.ToV1(v2);

        Assert.Null(v1.Metadata!.Annotations);
        Assert.Equal(50, v1.Spec!.TargetCPUUtilizationPercentage);
    }
}
