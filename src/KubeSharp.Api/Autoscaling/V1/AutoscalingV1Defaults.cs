namespace KubeSharp.Api.Autoscaling.V1;

/// <summary>Server-side defaulting of autoscaling/v1 objects.</summary>
public static class AutoscalingV1Defaults
{
    public static void Apply(HorizontalPodAutoscaler autoscaler)
    {
        ArgumentNullException.ThrowIfNull(autoscaler);
        var spec = autoscaler.Spec ??= new HorizontalPodAutoscalerSpec();
        spec.MinReplicas ??= 1;
    }
}
