using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.Api.Discovery.V1;
using SlicePort = KubeSharp.Api.Discovery.V1.EndpointPort;

namespace KubeSharp.Controllers.Endpoints;

/// <summary>
/// What a selector Service's Endpoints and EndpointSlices should hold, computed from the service and
/// its pods. Pods without an IP or finished (Succeeded/Failed) are left out; pods being deleted are
/// left out of Endpoints and appear in slices as terminating. Ports are resolved per pod, so pods
/// whose named target ports resolve differently land in different subsets (and slices).
/// </summary>
internal static class EndpointsPlan
{
    public const string ServiceNameLabel = "kubernetes.io/service-name";
    public const string ManagedByLabel = "endpointslice.kubernetes.io/managed-by";
    public const string ManagedByValue = "endpointslice-controller.k8s.io";

    /// <summary>The subsets of the Endpoints object, addresses sorted by IP, subsets by their port list.</summary>
    public static List<EndpointSubset> Subsets(Service service, IEnumerable<Pod> pods)
    {
        var publishNotReady = service.Spec?.PublishNotReadyAddresses == true;
        var groups = new SortedDictionary<string, (List<Api.Core.V1.EndpointPort> Ports, List<EndpointAddress> Ready, List<EndpointAddress> NotReady)>(StringComparer.Ordinal);
        foreach (var pod in pods)
        {
            if (!IsCandidate(pod) || pod.Metadata?.DeletionTimestamp is not null)
            {
                continue;
            }

            var ports = ResolvePorts(service, pod)
                .Select(p => new Api.Core.V1.EndpointPort { Name = p.Name, Port = p.Port, Protocol = p.Protocol, AppProtocol = p.AppProtocol })
                .ToList();
            if (ports.Count == 0 && service.Spec?.Ports is { Count: > 0 })
            {
                continue;
            }

            var key = PortKey(ports.Select(p => (p.Name, p.Port, p.Protocol)));
            if (!groups.TryGetValue(key, out var group))
            {
                group = (ports, [], []);
                groups[key] = group;
            }

            var address = new EndpointAddress
            {
                Ip = pod.Status!.PodIP,
                NodeName = pod.Spec?.NodeName,
                Hostname = HostnameFor(service, pod),
                TargetRef = new ObjectReference { Kind = "Pod", Namespace = pod.Metadata?.Namespace, Name = pod.Metadata?.Name, Uid = pod.Metadata?.Uid },
            };
            (publishNotReady || PodState.IsReady(pod) ? group.Ready : group.NotReady).Add(address);
        }

        return groups.Values.Select(g => new EndpointSubset
        {
            Addresses = g.Ready.Count == 0 ? null : g.Ready.OrderBy(a => a.Ip, StringComparer.Ordinal).ToList(),
            NotReadyAddresses = g.NotReady.Count == 0 ? null : g.NotReady.OrderBy(a => a.Ip, StringComparer.Ordinal).ToList(),
            Ports = g.Ports.Count == 0 ? null : g.Ports,
        }).ToList();
    }

    /// <summary>The contents of the service's slices: one per distinct resolved port list, endpoints sorted by address.</summary>
    public static List<SliceContent> Slices(Service service, IEnumerable<Pod> pods)
    {
        var publishNotReady = service.Spec?.PublishNotReadyAddresses == true;
        var groups = new SortedDictionary<string, SliceContent>(StringComparer.Ordinal);
        foreach (var pod in pods)
        {
            if (!IsCandidate(pod))
            {
                continue;
            }

            var ports = ResolvePorts(service, pod);
            if (ports.Count == 0 && service.Spec?.Ports is { Count: > 0 })
            {
                continue;
            }

            var key = PortKey(ports.Select(p => (p.Name, p.Port, p.Protocol)));
            if (!groups.TryGetValue(key, out var group))
            {
                group = new SliceContent(key, ports, []);
                groups[key] = group;
            }

            var terminating = pod.Metadata?.DeletionTimestamp is not null;
            var serving = PodState.IsReady(pod);
            group.Endpoints.Add(new Endpoint
            {
                Addresses = [pod.Status!.PodIP!],
                Conditions = new EndpointConditions { Ready = publishNotReady || (serving && !terminating), Serving = publishNotReady || serving, Terminating = terminating },
                NodeName = pod.Spec?.NodeName,
                Hostname = HostnameFor(service, pod),
                TargetRef = new ObjectReference { Kind = "Pod", Namespace = pod.Metadata?.Namespace, Name = pod.Metadata?.Name, Uid = pod.Metadata?.Uid },
            });
        }

        foreach (var group in groups.Values)
        {
            group.Endpoints.Sort((a, b) => string.CompareOrdinal(a.Addresses![0], b.Addresses![0]));
        }

        return [.. groups.Values];
    }

    /// <summary>The service's ports as they map onto <paramref name="pod"/>; ports whose named target the pod lacks are left out.</summary>
    public static List<SlicePort> ResolvePorts(Service service, Pod pod)
    {
        var resolved = new List<SlicePort>();
        foreach (var servicePort in service.Spec?.Ports ?? [])
        {
            var protocol = servicePort.Protocol ?? "TCP";
            int? number = servicePort.TargetPort switch
            {
                null => servicePort.Port,
                { IntValue: int n } => n == 0 ? servicePort.Port : n,
                { StringValue: { } name } when int.TryParse(name, out var n) => n,
                { StringValue: { } name } => NamedContainerPort(pod, name, protocol),
                _ => null,
            };
            if (number is int port)
            {
                resolved.Add(new SlicePort { Name = servicePort.Name ?? "", Port = port, Protocol = protocol, AppProtocol = servicePort.AppProtocol });
            }
        }

        return resolved;
    }

    /// <summary>An address for the pod: it has an IP and has not finished.</summary>
    private static bool IsCandidate(Pod pod) =>
        !string.IsNullOrEmpty(pod.Status?.PodIP) && pod.Status?.Phase is not ("Succeeded" or "Failed");

    private static int? NamedContainerPort(Pod pod, string name, string protocol) =>
        (pod.Spec?.Containers ?? []).SelectMany(c => c.Ports ?? [])
            .FirstOrDefault(p => p.Name == name && (p.Protocol ?? "TCP") == protocol)?.ContainerPortValue;

    /// <summary>The pod's hostname when it names this service as its subdomain (DNS records for headless services).</summary>
    private static string? HostnameFor(Service service, Pod pod) =>
        !string.IsNullOrEmpty(pod.Spec?.Hostname) && pod.Spec?.Subdomain == service.Metadata?.Name ? pod.Spec!.Hostname : null;

    private static string PortKey(IEnumerable<(string? Name, int? Port, string? Protocol)> ports) =>
        string.Join(";", ports.Select(p => $"{p.Name}/{p.Port}/{p.Protocol}").Order(StringComparer.Ordinal));

    /// <summary>One slice's worth: its port list (and the key identifying it) and endpoints.</summary>
    internal sealed record SliceContent(string PortKey, List<SlicePort> Ports, List<Endpoint> Endpoints);
}
