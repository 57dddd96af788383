namespace KubeSharp.Api.Discovery.V1;

/// <summary>Server-side defaulting of discovery.k8s.io/v1 objects.</summary>
public static class DiscoveryV1Defaults
{
    public static void Apply(EndpointSlice slice)
    {
        ArgumentNullException.ThrowIfNull(slice);
        foreach (var port in slice.Ports ?? [])
        {
            port.Name ??= "";
            port.Protocol ??= "TCP";
        }
    }
}
