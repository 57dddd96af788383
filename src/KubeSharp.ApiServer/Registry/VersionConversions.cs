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
        [(typeof(Api.Events.V1.Event), typeof(Api.Core.V1.Event))] = o => EventConversion.ToCore((Api.Events.V1.Event)o),
        [(typeof(Api.Core.V1.Event), typeof(Api.Events.V1.Event))] = o => EventConversion.ToEvents((Api.Core.V1.Event)o),
    };

    /// <summary>
    /// Resources stored with a resource of another group (Kubernetes keeps events.k8s.io events
    /// with the core events); any other resource is stored with the other versions of its own group.
    /// </summary>
    private static readonly Dictionary<(string Group, string Plural), (string Group, string Plural)> SharedStorage = new()
    {
        [("events.k8s.io", "events")] = ("", "events"),
    };

    /// <summary>The group and resource whose storage holds the objects of <paramref name="group"/>/<paramref name="plural"/>.</summary>
    public static (string Group, string Plural) StorageOf(string group, string plural) =>
        SharedStorage.TryGetValue((group, plural), out var shared) ? shared : (group, plural);

    public static Func<KubernetesObject, KubernetesObject> Find(Type from, Type to) =>
        Conversions.TryGetValue((from, to), out var convert)
            ? convert
            : throw new InvalidOperationException($"no conversion from {from.FullName} to {to.FullName}");
}
