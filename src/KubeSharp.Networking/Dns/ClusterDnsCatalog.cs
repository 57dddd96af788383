using KubeSharp.Api.Core.V1;
using KubeSharp.Api.Discovery.V1;

namespace KubeSharp.Networking.Dns;

/// <summary>
/// The Services and EndpointSlices DNS answers from, kept by informer callbacks (or directly by tests).
/// Thread-safe; readers get copies of the lists they ask for.
/// </summary>
internal sealed class ClusterDnsCatalog
{
    public const string ServiceNameLabel = "kubernetes.io/service-name";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Service> _services = new(StringComparer.Ordinal);
    // "<ns>/<service>" → slice name → slice.
    private readonly Dictionary<string, Dictionary<string, EndpointSlice>> _slices = new(StringComparer.Ordinal);

    public void Upsert(Service service)
    {
        lock (_gate)
        {
            _services[Key(service.Metadata?.Namespace, service.Metadata?.Name)] = service;
        }
    }

    public void Remove(Service service)
    {
        lock (_gate)
        {
            _services.Remove(Key(service.Metadata?.Namespace, service.Metadata?.Name));
        }
    }

    public void Upsert(EndpointSlice slice)
    {
        var owner = OwnerKey(slice);
        lock (_gate)
        {
            // A slice's service-name label can change; drop it from wherever it was.
            RemoveSlice(slice);
            if (owner is null)
            {
                return;
            }

            if (!_slices.TryGetValue(owner, out var byName))
            {
                _slices[owner] = byName = new Dictionary<string, EndpointSlice>(StringComparer.Ordinal);
            }

            byName[slice.Metadata!.Name!] = slice;
        }
    }

    public void Remove(EndpointSlice slice)
    {
        lock (_gate)
        {
            RemoveSlice(slice);
        }
    }

    public Service? GetService(string ns, string name)
    {
        lock (_gate)
        {
            return _services.GetValueOrDefault(Key(ns, name));
        }
    }

    public bool HasServicesIn(string ns)
    {
        var prefix = ns + "/";
        lock (_gate)
        {
            return _services.Keys.Any(k => k.StartsWith(prefix, StringComparison.Ordinal));
        }
    }

    public IReadOnlyList<Service> Services()
    {
        lock (_gate)
        {
            return [.. _services.Values];
        }
    }

    public IReadOnlyList<EndpointSlice> SlicesOf(string ns, string service)
    {
        lock (_gate)
        {
            return _slices.TryGetValue(Key(ns, service), out var byName) ? [.. byName.Values] : [];
        }
    }

    private void RemoveSlice(EndpointSlice slice)
    {
        var name = slice.Metadata?.Name;
        if (name is null)
        {
            return;
        }

        var prefix = (slice.Metadata?.Namespace ?? "") + "/";
        foreach (var (owner, byName) in _slices.Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal)).ToList())
        {
            if (byName.Remove(name) && byName.Count == 0)
            {
                _slices.Remove(owner);
            }
        }
    }

    private static string? OwnerKey(EndpointSlice slice) =>
        slice.Metadata?.Labels?.GetValueOrDefault(ServiceNameLabel) is { Length: > 0 } service && slice.Metadata.Name is not null
            ? Key(slice.Metadata.Namespace, service)
            : null;

    private static string Key(string? ns, string? name) => $"{ns}/{name}";
}
