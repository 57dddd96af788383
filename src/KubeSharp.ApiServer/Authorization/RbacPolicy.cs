using KubeSharp.Api.Rbac.V1;

namespace KubeSharp.ApiServer.Authorization;

/// <summary>The RBAC objects an authorization decision reads; a point-in-time view.</summary>
public interface IRbacPolicy
{
    IEnumerable<ClusterRoleBinding> ClusterRoleBindings();

    IEnumerable<RoleBinding> RoleBindings(string ns);

    ClusterRole? ClusterRole(string name);

    Role? Role(string ns, string name);

    /// <summary>Every ClusterRole (for aggregation).</summary>
    IEnumerable<ClusterRole> ClusterRoles();
}

/// <summary>An in-memory policy, for tests and for evaluating a fixed set of objects.</summary>
public sealed class FixedRbacPolicy(
    IReadOnlyList<ClusterRole> clusterRoles,
    IReadOnlyList<ClusterRoleBinding> clusterRoleBindings,
    IReadOnlyList<Role> roles,
    IReadOnlyList<RoleBinding> roleBindings) : IRbacPolicy
{
    public IEnumerable<ClusterRoleBinding> ClusterRoleBindings() => clusterRoleBindings;

    public IEnumerable<RoleBinding> RoleBindings(string ns) => roleBindings.Where(b => b.Metadata?.Namespace == ns);

    public ClusterRole? ClusterRole(string name) => clusterRoles.FirstOrDefault(r => r.Metadata?.Name == name);

    public Role? Role(string ns, string name) => roles.FirstOrDefault(r => r.Metadata?.Namespace == ns && r.Metadata?.Name == name);

    public IEnumerable<ClusterRole> ClusterRoles() => clusterRoles;
}
