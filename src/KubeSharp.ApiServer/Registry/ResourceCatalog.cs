using System.Reflection;
using KubeSharp.Api;

namespace KubeSharp.ApiServer.Registry;

/// <summary>
/// The set of resources this server serves, discovered from the [KubernetesEntity] kinds of
/// KubeSharp.Api, each with its strategy, plus resources defined at run time (custom resources).
/// Lookups by group/version/plural, by kind and by store key. Readers see one consistent state:
/// run-time changes replace the lookup tables as a whole (copy on write).
/// </summary>
public sealed class ResourceCatalog
{
    private readonly Lock _writeLock = new();
    private Dictionary<(string Group, string Version, string Plural), ResourceDefinition> _byResource = [];
    private Dictionary<(string ApiVersion, string Kind), ResourceDefinition> _byKind = [];
    private Dictionary<string, ResourceDefinition> _byKeyPrefix = [];
    private List<ResourceDefinition> _all = [];
    private long _revision;

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

    public IReadOnlyList<ResourceDefinition> All => Volatile.Read(ref _all);

    /// <summary>Counts run-time changes: documents built from the catalog (OpenAPI) are rebuilt when it moves.</summary>
    public long Revision => Interlocked.Read(ref _revision);

    /// <summary>
    /// Replaces the run-time resources <paramref name="removed"/> by <paramref name="added"/> (the
    /// versions of one custom resource, preferred version first; the one without a storage
    /// definition owns the store keys). Either list may be empty.
    /// </summary>
    public void Replace(IReadOnlyCollection<ResourceDefinition> removed, IReadOnlyList<ResourceDefinition> added)
    {
        lock (_writeLock)
        {
            var byResource = new Dictionary<(string Group, string Version, string Plural), ResourceDefinition>(_byResource);
            var byKind = new Dictionary<(string ApiVersion, string Kind), ResourceDefinition>(_byKind);
            var byKeyPrefix = new Dictionary<string, ResourceDefinition>(_byKeyPrefix);
            var all = new List<ResourceDefinition>(_all.Count + added.Count);
            foreach (var d in removed)
            {
                Remove(byResource, (d.Group, d.Version, d.Plural), d);
                Remove(byKind, (d.ApiVersion, d.Kind), d);
                Remove(byKeyPrefix, d.KeyPrefix, d);
            }

            all.AddRange(_all.Where(d => !removed.Contains(d)));
            foreach (var d in added)
            {
                byResource[(d.Group, d.Version, d.Plural)] = d;
                byKind[(d.ApiVersion, d.Kind)] = d;
                if (d.StorageDefinition is null)
                {
                    byKeyPrefix[d.KeyPrefix] = d;
                }
            }

            // A group's versions stay together (discovery lists them in catalog order).
            var at = all.FindLastIndex(d => added.Count > 0 && d.Group == added[0].Group);
            all.InsertRange(at < 0 ? all.Count : at + 1, added);
            Volatile.Write(ref _byResource, byResource);
            Volatile.Write(ref _byKind, byKind);
            Volatile.Write(ref _byKeyPrefix, byKeyPrefix);
            Volatile.Write(ref _all, all);
            Interlocked.Increment(ref _revision);
        }

        static void Remove<TKey>(Dictionary<TKey, ResourceDefinition> map, TKey key, ResourceDefinition d)
            where TKey : notnull
        {
            if (map.TryGetValue(key, out var current) && ReferenceEquals(current, d))
            {
                map.Remove(key);
            }
        }
    }

    public ResourceDefinition? Find(string group, string version, string plural) =>
        Volatile.Read(ref _byResource).GetValueOrDefault((group, version, plural));

    public ResourceDefinition? FindKind(string apiVersion, string kind) => Volatile.Read(ref _byKind).GetValueOrDefault((apiVersion, kind));

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
                return Volatile.Read(ref _byKeyPrefix).GetValueOrDefault(key[..(i + 1)]);
            }
        }

        return null;
    }

    /// <summary>Group versions in discovery order (preferred version first within a group).</summary>
    public IEnumerable<(string Group, IReadOnlyList<string> Versions)> Groups() =>
        All.GroupBy(d => d.Group).Select(g => (g.Key, (IReadOnlyList<string>)g.Select(d => d.Version).Distinct().ToList()));
}
