using System.Net;
using KubeSharp.Api.Core.V1;
using KubeSharp.Api.Discovery.V1;
using NetV1 = KubeSharp.Api.Networking.V1;

namespace KubeSharp.Networking.Ingress;

/// <summary>
/// Where matched requests go: one Service port of one Ingress backend, with the ready pod addresses behind it
/// (taken from its EndpointSlices). Picks them in turn; thread-safe.
/// </summary>
internal sealed class IngressUpstream
{
    private int _next = -1;

    public IngressUpstream(string name, IReadOnlyList<IPEndPoint> endpoints)
    {
        Name = name;
        Endpoints = endpoints;
    }

    /// <summary>namespace/service:port as the Ingress named it.</summary>
    public string Name { get; }

    public IReadOnlyList<IPEndPoint> Endpoints { get; }

    /// <summary>The next endpoint in round-robin order; null when the service has no ready endpoint.</summary>
    public IPEndPoint? Next()
    {
        if (Endpoints.Count == 0)
        {
            return null;
        }

        var index = (uint)Interlocked.Increment(ref _next) % (uint)Endpoints.Count;
        return Endpoints[(int)index];
    }
}

internal enum IngressPathKind
{
    Exact,
    Prefix,
}

/// <summary>One path of one host. <see cref="Path"/> of a prefix has no trailing slash ("" for "/").</summary>
internal sealed record IngressPathRoute(string Path, IngressPathKind Kind, IngressUpstream Upstream)
{
    public bool Matches(string requestPath) => Kind == IngressPathKind.Exact
        ? requestPath == Path
        : Path.Length == 0 || (requestPath.StartsWith(Path, StringComparison.Ordinal) && (requestPath.Length == Path.Length || requestPath[Path.Length] == '/'));
}

/// <summary>The paths of one host (exact, wildcard or any host), most specific first, and its fallback backend.</summary>
internal sealed class IngressHostRoutes
{
    private readonly List<IngressPathRoute> _paths = [];

    public IReadOnlyList<IngressPathRoute> Paths => _paths;

    /// <summary>The spec.defaultBackend of the first Ingress with rules for this host, for its unmatched paths.</summary>
    public IngressUpstream? DefaultBackend { get; set; }

    /// <summary>Adds a path unless an earlier Ingress already routes the same path and kind (the older Ingress wins).</summary>
    public void Add(IngressPathRoute route)
    {
        if (!_paths.Any(p => p.Path == route.Path && p.Kind == route.Kind))
        {
            _paths.Add(route);
        }
    }

    /// <summary>Orders paths as the Ingress specification ranks them: longer first; at equal length Exact before Prefix.</summary>
    public void Sort() => _paths.Sort((a, b) => a.Path.Length != b.Path.Length ? b.Path.Length.CompareTo(a.Path.Length) : a.Kind.CompareTo(b.Kind));

    public IngressPathRoute? Match(string requestPath) => _paths.FirstOrDefault(p => p.Matches(requestPath));
}

/// <summary>The outcome of routing one request: the backend to use, or none (404 from the default backend).</summary>
internal readonly record struct IngressRouteMatch(IngressUpstream? Upstream);

/// <summary>
/// The routes of all Ingresses this controller serves (a snapshot, rebuilt on every change). A request is matched by
/// host first — an exact host beats a wildcard (<c>*.example.com</c>, exactly one label in place of the star), which
/// beats rules without a host — then by path within that host: the longest matching path, Exact before Prefix at equal
/// length, Prefix matched element by element, ImplementationSpecific as Prefix. Unmatched paths go to the host's
/// Ingress's spec.defaultBackend, then to the cluster-wide one (the oldest Ingress's spec.defaultBackend), else none.
/// </summary>
internal sealed class IngressRouteTable
{
    public const string ServiceNameLabel = "kubernetes.io/service-name";

    private readonly Dictionary<string, IngressHostRoutes> _exact = new(StringComparer.Ordinal);
    // ".example.com" for *.example.com.
    private readonly Dictionary<string, IngressHostRoutes> _wildcard = new(StringComparer.Ordinal);
    private IngressHostRoutes? _anyHost;
    private IngressUpstream? _defaultBackend;

    public static IngressRouteTable Empty { get; } = new();

    /// <summary>The number of distinct host entries (exact, wildcard and any-host).</summary>
    public int HostCount => _exact.Count + _wildcard.Count + (_anyHost is null ? 0 : 1);

    /// <summary>Builds the table from the Ingresses to serve (already filtered by class) and the cluster's Services and EndpointSlices.</summary>
    public static IngressRouteTable Build(IEnumerable<NetV1.Ingress> ingresses, IEnumerable<Service> services, IEnumerable<EndpointSlice> slices)
    {
        var servicesByKey = services.ToDictionary(s => Key(s.Metadata?.Namespace, s.Metadata?.Name), StringComparer.Ordinal);
        var slicesByService = slices
            .Where(s => s.AddressType == "IPv4" && s.Metadata?.Labels?.GetValueOrDefault(ServiceNameLabel) is { Length: > 0 })
            .GroupBy(s => Key(s.Metadata!.Namespace, s.Metadata.Labels![ServiceNameLabel]), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var upstreams = new Dictionary<string, IngressUpstream>(StringComparer.Ordinal);
        IngressUpstream? Resolve(string ns, NetV1.IngressBackend? backend)
        {
            if (backend?.Service is not { Name: { Length: > 0 } serviceName, Port: { } port })
            {
                return null;
            }

            var name = $"{ns}/{serviceName}:{(port.Number is int number ? number.ToString(System.Globalization.CultureInfo.InvariantCulture) : port.Name)}";
            if (!upstreams.TryGetValue(name, out var upstream))
            {
                var key = Key(ns, serviceName);
                upstream = new IngressUpstream(name, EndpointsOf(servicesByKey.GetValueOrDefault(key), port, slicesByService.GetValueOrDefault(key) ?? []));
                upstreams[name] = upstream;
            }

            return upstream;
        }

        var table = new IngressRouteTable();
        foreach (var ingress in ingresses
            .OrderBy(i => i.Metadata?.CreationTimestamp ?? DateTimeOffset.MinValue)
            .ThenBy(i => i.Metadata?.Namespace, StringComparer.Ordinal)
            .ThenBy(i => i.Metadata?.Name, StringComparer.Ordinal))
        {
            var ns = ingress.Metadata?.Namespace ?? "default";
            var ingressDefault = Resolve(ns, ingress.Spec?.DefaultBackend);
            table._defaultBackend ??= ingressDefault;
            foreach (var rule in ingress.Spec?.Rules ?? [])
            {
                var host = table.HostEntry(rule.Host);
                host.DefaultBackend ??= ingressDefault;
                foreach (var path in rule.Http?.Paths ?? [])
                {
                    if (Resolve(ns, path.Backend) is not { } upstream)
                    {
                        // Resource backends (and malformed ones) are not served.
                        continue;
                    }

                    var kind = path.PathType == "Exact" ? IngressPathKind.Exact : IngressPathKind.Prefix;
                    var value = string.IsNullOrEmpty(path.Path) ? "/" : path.Path;
                    host.Add(new IngressPathRoute(kind == IngressPathKind.Prefix ? value.TrimEnd('/') : value, kind, upstream));
                }
            }
        }

        foreach (var host in table._exact.Values.Concat(table._wildcard.Values).Append(table._anyHost))
        {
            host?.Sort();
        }

        return table;
    }

    /// <summary>Routes a request by its Host header (port and case ignored) and its (decoded) path.</summary>
    public IngressRouteMatch Match(string? hostHeader, string path)
    {
        var host = NormalizeHost(hostHeader);
        var entry = _exact.GetValueOrDefault(host);
        if (entry is null)
        {
            var dot = host.IndexOf('.', StringComparison.Ordinal);
            if (dot > 0)
            {
                entry = _wildcard.GetValueOrDefault(host[dot..]);
            }
        }

        entry ??= _anyHost;
        if (entry is null)
        {
            return new IngressRouteMatch(_defaultBackend);
        }

        var requestPath = path.Length == 0 ? "/" : path;
        return new IngressRouteMatch(entry.Match(requestPath)?.Upstream ?? entry.DefaultBackend ?? _defaultBackend);
    }

    /// <summary>The host part of a Host header or TLS server name: lower case, without port, brackets or trailing dot.</summary>
    public static string NormalizeHost(string? hostHeader)
    {
        var host = (hostHeader ?? "").Trim();
        if (host.StartsWith('['))
        {
            var close = host.IndexOf(']', StringComparison.Ordinal);
            host = close > 0 ? host[1..close] : host;
        }
        else if (host.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0 && host.IndexOf(':', colon + 1) < 0)
        {
            host = host[..colon];
        }

        return host.TrimEnd('.').ToLowerInvariant();
    }

    /// <summary>Whether <paramref name="pattern"/> (an exact host or <c>*.domain</c>) covers <paramref name="host"/>.</summary>
    public static bool HostMatches(string pattern, string host)
    {
        if (!pattern.StartsWith("*.", StringComparison.Ordinal))
        {
            return string.Equals(pattern, host, StringComparison.OrdinalIgnoreCase);
        }

        var dot = host.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && string.Equals(host[dot..], pattern[1..], StringComparison.OrdinalIgnoreCase);
    }

    private IngressHostRoutes HostEntry(string? host)
    {
        if (string.IsNullOrEmpty(host))
        {
            return _anyHost ??= new IngressHostRoutes();
        }

        var normalized = host.ToLowerInvariant();
        var (map, key) = normalized.StartsWith("*.", StringComparison.Ordinal) ? (_wildcard, normalized[1..]) : (_exact, normalized);
        if (!map.TryGetValue(key, out var entry))
        {
            map[key] = entry = new IngressHostRoutes();
        }

        return entry;
    }

    /// <summary>
    /// The ready endpoints of a Service port named by number (the service port) or name: the EndpointSlice port of the
    /// same name carries the pod's target port. No Service or port: none (the request gets 503).
    /// </summary>
    private static List<IPEndPoint> EndpointsOf(Service? service, NetV1.ServiceBackendPort port, List<EndpointSlice> slices)
    {
        var servicePort = service?.Spec?.Ports?.FirstOrDefault(p => port.Number is int number ? p.Port == number : p.Name == port.Name);
        if (servicePort is null || (servicePort.Protocol ?? "TCP") != "TCP")
        {
            return [];
        }

        var portName = servicePort.Name ?? "";
        var result = new List<IPEndPoint>();
        foreach (var slice in slices)
        {
            var slicePort = slice.Ports?.FirstOrDefault(p => (p.Name ?? "") == portName && (p.Protocol ?? "TCP") == "TCP");
            if (slicePort?.Port is not int target)
            {
                continue;
            }

            foreach (var endpoint in slice.Endpoints ?? [])
            {
                if (endpoint.Conditions?.Ready == false || endpoint.Addresses is not [var address, ..] || !IPAddress.TryParse(address, out var ip))
                {
                    continue;
                }

                var candidate = new IPEndPoint(ip, target);
                if (!result.Contains(candidate))
                {
                    result.Add(candidate);
                }
            }
        }

        result.Sort((a, b) => string.CompareOrdinal(a.ToString(), b.ToString()));
        return result;
    }

    private static string Key(string? ns, string? name) => $"{ns}/{name}";
}
