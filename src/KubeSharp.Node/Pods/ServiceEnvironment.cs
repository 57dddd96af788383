using System.Globalization;
using KubeSharp.Api.Core.V1;

namespace KubeSharp.Node.Pods;

/// <summary>
/// The Docker-link style variables the kubelet gives every container for services: those of the pod's namespace
/// (unless enableServiceLinks is false) and always the API server's ("kubernetes" in default), e.g.
/// KUBERNETES_SERVICE_HOST, KUBERNETES_SERVICE_PORT, KUBERNETES_PORT_443_TCP_ADDR.
/// </summary>
internal static class ServiceEnvironment
{
    public static List<KeyValuePair<string, string>> For(Pod pod, IEnumerable<Service> services)
    {
        var ns = pod.Metadata?.Namespace ?? "default";
        var links = pod.Spec?.EnableServiceLinks != false;
        var chosen = new Dictionary<string, Service>(StringComparer.Ordinal);
        foreach (var service in services)
        {
            var meta = service.Metadata;
            if (service.Spec?.ClusterIP is not { Length: > 0 } ip || ip == "None" || meta?.Name is null)
            {
                continue;
            }

            if (meta.Namespace == "default" && meta.Name == "kubernetes")
            {
                chosen[meta.Name] = service;
            }
            else if (links && meta.Namespace == ns && !chosen.ContainsKey(meta.Name))
            {
                chosen[meta.Name] = service;
            }
        }

        var variables = new List<KeyValuePair<string, string>>();
        foreach (var service in chosen.Values.OrderBy(s => s.Metadata!.Name, StringComparer.Ordinal))
        {
            var prefix = service.Metadata!.Name!.ToUpperInvariant().Replace('-', '_');
            var ip = service.Spec!.ClusterIP!;
            var ports = service.Spec.Ports ?? [];
            if (ports.Count == 0)
            {
                continue;
            }

            void Add(string name, string value) => variables.Add(new(name, value));
            string Text(int? value) => (value ?? 0).ToString(CultureInfo.InvariantCulture);
            Add(prefix + "_SERVICE_HOST", ip);
            Add(prefix + "_SERVICE_PORT", Text(ports[0].Port));
            foreach (var port in ports.Where(p => !string.IsNullOrEmpty(p.Name)))
            {
                Add($"{prefix}_SERVICE_PORT_{port.Name!.ToUpperInvariant().Replace('-', '_')}", Text(port.Port));
            }

            var first = ports[0];
            Add(prefix + "_PORT", $"{(first.Protocol ?? "TCP").ToLowerInvariant()}://{ip}:{Text(first.Port)}");
            foreach (var port in ports)
            {
                var protocol = port.Protocol ?? "TCP";
                var stem = $"{prefix}_PORT_{Text(port.Port)}_{protocol.ToUpperInvariant()}";
                Add(stem, $"{protocol.ToLowerInvariant()}://{ip}:{Text(port.Port)}");
                Add(stem + "_PROTO", protocol.ToLowerInvariant());
                Add(stem + "_PORT", Text(port.Port));
                Add(stem + "_ADDR", ip);
            }
        }

        return variables;
    }
}
