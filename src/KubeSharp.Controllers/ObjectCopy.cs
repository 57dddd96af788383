using KubeSharp.Api;

namespace KubeSharp.Controllers;

/// <summary>Deep copies through JSON: informer caches hand out shared instances that must not be modified.</summary>
internal static class ObjectCopy
{
    public static T Clone<T>(T value)
        where T : class =>
        KubeJson.Deserialize<T>(KubeJson.SerializeToUtf8Bytes(value, value.GetType()))!;
}
