using System.Reflection;
using KubeSharp.Api;

namespace KubeSharp.ApiServer.Registry;

/// <summary>
/// The set of resources this server serves, discovered from the [KubernetesEntity] kinds of
/// KubeSharp.Api, each with its strategy. Lookups by group/version/plural, by kind and by store key.
/// </summary>
public sealed class ResourceCatalog
{
    private readonly Dictionary<(string Group, string Version, string Plural), ResourceDefinition> _byResource = [];
    private readonly Dictionary<(string ApiVersion, string Kind), ResourceDefinition> _byKind = [];
    private readonly Dictionary<string, ResourceDefinition> _byKeyPrefix = [];
    private readonly List<ResourceDefinition> _all = [];

    public ResourceCatalog(IReadOnlyDictionary<Type, ResourceStrategy> strategies, IEnumerable<(string Group, string Version)>? servedGroupVersions = null)
    {
        var served = servedGroupVersions?.ToHashSet();
        var types = typeof(KubernetesObject).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(KubernetesObject).IsAssignableFrom(t))
            .Select(t => (Type: t, Entity: t.GetCustomAttribute<KubernetesEntityAttribute>()))
            .Where(x => x.Entity is { IsResource: true })
            .OrderBy(x => GroupOrder(x.Entity!.Group))
            .ThenBy(x => x.Entity!.Group, StringComparer.Ordinal)
            .ThenByDescending(x => x.Entity!.Version, StringComparer.Ordinal)
            .ThenBy(x => x.Entity!.Plural, StringComparer.Ordinal);

        foreach (var (type, entity) in types)
        {
            if (served is not null && !served.Contains((entity!.Group, entity.Version)))
            {
                continue;
            }

            var strategy = strategies.TryGetValue(type, out var s) ? s : new ResourceStrategy();
            var definition = new ResourceDefinition(type, entity!, strategy);
            // Kinds served in several versions of a group (autoscaling/v1 and v2), or in several groups
            // (core and events.k8s.io events), share storage: the first registered is the storage version.
            var (storageGroup, storagePlural) = VersionConversions.StorageOf(definition.Group, definition.Plural);
            var storage = _all.FirstOrDefault(d => d.Group == storageGroup && d.Plural == storagePlural && d.StorageDefinition is null);
            if (storage is not null)
            {
                definition = new ResourceDefinition(type, entity!, strategy)
                {
                    StorageDefinition = storage,
                    ToStorageVersion = VersionConversions.Find(type, storage.ClrType),
                    FromStorageVersion = VersionConversions.Find(storage.ClrType, type),
                };
            }
            else
            {
                _byKeyPrefix[definition.KeyPrefix] = definition;
            }

            _byResource[(definition.Group, definition.Version, definition.Plural)] = definition;
            _byKind[(definition.ApiVersion, definition.Kind)] = definition;
            _all.Add(definition);
        }
    }

    /// <summary>Discovery order of groups: core first, then Kubernetes' usual order for the common groups.</summary>
    private static int GroupOrder(string group) => group switch
    {
        "" => 0,
        "apiregistration.k8s.io" => 1,
        "apps" => 2,
        "events.k8s.io" => 3,
        "authentication.k8s.io" => 4,
        "authorization.k8s.io" => 5,
        "autoscaling" => 6,
        "batch" => 7,
        "certificates.k8s.io" => 8,
        "networking.k8s.io" => 9,
        "policy" => 10,
        "rbac.authorization.k8s.io" => 11,
        "storage.k8s.io" => 12,
        "admissionregistration.k8s.io" => 13,
        "apiextensions.k8s.io" => 14,
        "scheduling.k8s.io" => 15,
        "coordination.k8s.io" => 16,
        "node.k8s.io" => 17,
        "discovery.k8s.io" => 18,
        "flowcontrol.apiserver.k8s.io" => 19,
        _ => 50,
    };

    public IReadOnlyList<ResourceDefinition> All => _all;

    public ResourceDefinition? Find(string group, string version, string plural) =>
        _byResource.GetValueOrDefault((group, version, plural));

    public ResourceDefinition? FindKind(string apiVersion, string kind) => _byKind.GetValueOrDefault((apiVersion, kind));

    // Admission looks definitions up by type on every pod write; the attribute is read once per type.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Type, ResourceDefinition> _byType = new();

    public ResourceDefinition Get<T>()
        where T : KubernetesObject =>
        _byType.GetOrAdd(typeof(T), static (type, catalog) =>
        {
            var e = type.GetCustomAttribute<KubernetesEntityAttribute>()!;
            return catalog.Find(e.Group, e.Version, e.Plural) ?? throw new InvalidOperationException($"{type.Name} is not served");
        }, this);

    /// <summary>The storage definition owning a store key ("/registry/apps/deployments/ns/name").</summary>
    public ResourceDefinition? FindByKey(string key)
    {
        var slash = 0;
        for (var i = 0; i < key.Length; i++)
        {
            if (key[i] == '/' && ++slash == 4)
            {
                return _byKeyPrefix.GetValueOrDefault(key[..(i + 1)]);
            }
        }

        return null;
    }

    /// <summary>Group versions in discovery order (preferred version first within a group).</summary>
    public IEnumerable<(string Group, IReadOnlyList<string> Versions)> Groups() =>
        _all.GroupBy(d => d.Group).Select(g => (g.Key, (IReadOnlyList<string>)g.Select(d => d.Version).Distinct().ToList()));
}
