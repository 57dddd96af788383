using KubeSharp.Api;
using HpaV1 = KubeSharp.Api.Autoscaling.V1.HorizontalPodAutoscaler;
using HpaV2 = KubeSharp.Api.Autoscaling.V2.HorizontalPodAutoscaler;

namespace KubeSharp.ApiServer.Registry;

/// <summary>
/// Conversions between versions of a kind served in several versions of one group; objects are
/// stored in the preferred version and converted at the API boundary.
/// </summary>
public static class VersionConversions
{
    private static readonly Dictionary<(Type From, Type To), Func<KubernetesObject, KubernetesObject>> Conversions = new()
    {
        [(typeof(HpaV1), typeof(HpaV2))] = o => Api.Autoscaling.V1.HorizontalPodAutoscalerConversion.ToV2((HpaV1)o),
        [(typeof(HpaV2), typeof(HpaV1))] = o => Api.Autoscaling.V1.HorizontalPodAutoscalerConversion.ToV1((HpaV2)o),
    };

    public static Func<KubernetesObject, KubernetesObject> Find(Type from, Type to) =>
        Conversions.TryGetValue((from, to), out var convert)
            ? convert
            : throw new InvalidOperationException($"no conversion from {from.FullName} to {to.FullName}");
}
