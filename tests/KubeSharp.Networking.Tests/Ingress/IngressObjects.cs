using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.Api.Discovery.V1;
using KubeSharp.Api.Networking.V1;
using DiscoveryEndpoint = KubeSharp.Api.Discovery.V1.Endpoint;
using DiscoveryEndpointPort = KubeSharp.Api.Discovery.V1.EndpointPort;

namespace KubeSharp.Networking.Tests.Ingress;

/// <summary>Builders of the Ingresses, Services and EndpointSlices the ingress tests route with.</summary>
internal static class IngressObjects
{
    public static HTTPIngressPath IngressPath(string path, string pathType, string service, int port = 80) => new()
    {
        Path = path,
        PathType = pathType,
        Backend = Backend(service, port),
    };

    public static IngressBackend Backend(string service, int port = 80) => new() { Service = new IngressServiceBackend { Name = service, Port = new ServiceBackendPort { Number = port } } };

    public static IngressRule Rule(string? host, params HTTPIngressPath[] paths) => new() { Host = host, Http = new HTTPIngressRuleValue { Paths = [.. paths] } };

    public static Api.Networking.V1.Ingress NewIngress(string name, IngressSpec spec, string ns = "default", DateTimeOffset? created = null) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = ns, CreationTimestamp = created ?? DateTimeOffset.UnixEpoch },
        Spec = spec,
    };

    /// <summary>A Service with one TCP port (named "http" unless given) and a slice of ready endpoints on <paramref name="targetPort"/>.</summary>
    public static (Service Service, EndpointSlice Slice) Backed(string name, int port, int targetPort, string[] addresses, string portName = "http", string ns = "default", bool ready = true) =>
    (
        new Service
        {
            Metadata = new ObjectMeta { Name = name, Namespace = ns },
            Spec = new ServiceSpec { ClusterIP = "10.43.0.50", Ports = [new ServicePort { Name = portName, Port = port, Protocol = "TCP", TargetPort = targetPort }] },
        },
        new EndpointSlice
        {
            Metadata = new ObjectMeta { Name = name + "-abcde", Namespace = ns, Labels = new() { ["kubernetes.io/service-name"] = name } },
            AddressType = "IPv4",
            Ports = [new DiscoveryEndpointPort { Name = portName, Port = targetPort, Protocol = "TCP" }],
            Endpoints = [.. addresses.Select(a => new DiscoveryEndpoint { Addresses = [a], Conditions = new EndpointConditions { Ready = ready } })],
        }
    );
}
