using System.Collections.Immutable;
using KubeSharp.Api.Rbac.V1;
using KubeSharp.ApiServer.Registry;
using KubeSharp.ApiServer.Storage;

namespace KubeSharp.ApiServer.Authorization;

/// <summary>
/// The RBAC objects as the API server's watch cache holds them now (no store round trip): four
/// immutable snapshots taken together, read without copying.
/// </summary>
public sealed class WatchCacheRbacPolicy : IRbacPolicy
{
    private readonly ImmutableSortedDictionary<string, StoredObject> _clusterRoles;
    private readonly ImmutableSortedDictionary<string, StoredObject> _clusterRoleBindings;
    private readonly ImmutableSortedDictionary<string, StoredObject> _roles;
    private readonly ImmutableSortedDictionary<string, StoredObject> _roleBindings;
    private readonly ResourceDefinition _clusterRoleDefinition;
    private readonly ResourceDefinition _roleDefinition;
    private readonly ResourceDefinition _roleBindingDefinition;

    private WatchCacheRbacPolicy(
        ResourceCatalog catalog,
        ImmutableSortedDictionary<string, StoredObject> clusterRoles,
        ImmutableSortedDictionary<string, StoredObject> clusterRoleBindings,
        ImmutableSortedDictionary<string, StoredObject> roles,
        ImmutableSortedDictionary<string, StoredObject> roleBindings)
    {
        _clusterRoles = clusterRoles;
        _clusterRoleBindings = clusterRoleBindings;
        _roles = roles;
        _roleBindings = roleBindings;
        _clusterRoleDefinition = catalog.Get<ClusterRole>();
        _roleDefinition = catalog.Get<Role>();
        _roleBindingDefinition = catalog.Get<RoleBinding>();
    }

    public static async Task<WatchCacheRbacPolicy> LoadAsync(WatchCache cache, ResourceCatalog catalog, CancellationToken cancellationToken)
    {
        var (clusterRoles, _) = await cache.SnapshotAsync(catalog.Get<ClusterRole>(), consistent: false, cancellationToken).ConfigureAwait(false);
        var (clusterRoleBindings, _) = await cache.SnapshotAsync(catalog.Get<ClusterRoleBinding>(), consistent: false, cancellationToken).ConfigureAwait(false);
        var (roles, _) = await cache.SnapshotAsync(catalog.Get<Role>(), consistent: false, cancellationToken).ConfigureAwait(false);
        var (roleBindings, _) = await cache.SnapshotAsync(catalog.Get<RoleBinding>(), consistent: false, cancellationToken).ConfigureAwait(false);
        return new WatchCacheRbacPolicy(catalog, clusterRoles, clusterRoleBindings, roles, roleBindings);
    }

    public IEnumerable<ClusterRoleBinding> ClusterRoleBindings() => _clusterRoleBindings.Values.Select(o => o.Object).OfType<ClusterRoleBinding>();

    public IEnumerable<RoleBinding> RoleBindings(string ns)
    {
        var prefix = _roleBindingDefinition.NamespacePrefix(ns);
        foreach (var (key, value) in _roleBindings)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal) && value.Object is RoleBinding binding)
            {
                yield return binding;
            }
        }
    }

    public ClusterRole? ClusterRole(string name) => _clusterRoles.GetValueOrDefault(_clusterRoleDefinition.Key(null, name))?.Object as ClusterRole;

    public Role? Role(string ns, string name) => _roles.GetValueOrDefault(_roleDefinition.Key(ns, name))?.Object as Role;

    public IEnumerable<ClusterRole> ClusterRoles() => _clusterRoles.Values.Select(o => o.Object).OfType<ClusterRole>();
}
