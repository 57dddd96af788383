using KubeSharp.Api.Rbac.V1;
using KubeSharp.Api.Selectors;
using KubeSharp.ApiServer.Security;

namespace KubeSharp.ApiServer.Authorization;

/// <summary>
/// Kubernetes' RBAC authorizer: a request is allowed when a ClusterRoleBinding, or a RoleBinding in
/// the request's namespace, binds one of the user's identities to a role with a matching rule.
/// Members of system:masters are always allowed, as upstream's superuser short-circuit.
/// </summary>
public static class RbacAuthorizer
{
    public const string SuperuserGroup = "system:masters";

    public static bool Authorize(IRbacPolicy view, UserInfo user, RequestAttributes request)
    {
        if (user.Groups.Contains(SuperuserGroup))
        {
            return true;
        }

        return RulesFor(view, user, request.Namespace).Any(rule => PolicyRuleMatcher.Allows(rule, request));
    }

    /// <summary>
    /// Every rule that applies to <paramref name="user"/> in <paramref name="ns"/> (cluster-wide rules
    /// included; "" means cluster scope only), as SelfSubjectRulesReview reports them.
    /// </summary>
    public static IEnumerable<PolicyRule> RulesFor(IRbacPolicy view, UserInfo user, string ns)
    {
        foreach (var binding in view.ClusterRoleBindings())
        {
            if (binding.RoleRef?.Kind == "ClusterRole" && AppliesTo(binding.Subjects, user, ""))
            {
                foreach (var rule in ClusterRoleRules(view, binding.RoleRef.Name ?? ""))
                {
                    yield return rule;
                }
            }
        }

        if (ns.Length == 0)
        {
            yield break;
        }

        foreach (var binding in view.RoleBindings(ns))
        {
            if (!AppliesTo(binding.Subjects, user, ns))
            {
                continue;
            }

            var rules = binding.RoleRef?.Kind switch
            {
                "ClusterRole" => ClusterRoleRules(view, binding.RoleRef.Name ?? ""),
                "Role" => view.Role(ns, binding.RoleRef.Name ?? "")?.Rules ?? [],
                _ => [],
            };
            foreach (var rule in rules)
            {
                yield return rule;
            }
        }
    }

    /// <summary>
    /// A ClusterRole's rules; a role with an aggregationRule also has the rules of every ClusterRole
    /// its selectors match, transitively (computed on read, so a new aggregated role takes effect at once).
    /// </summary>
    public static IReadOnlyList<PolicyRule> ClusterRoleRules(IRbacPolicy view, string name)
    {
        var rules = new List<PolicyRule>();
        AddClusterRoleRules(view, name, rules, new HashSet<string>(StringComparer.Ordinal));
        return rules;
    }

    private static void AddClusterRoleRules(IRbacPolicy view, string name, List<PolicyRule> rules, HashSet<string> visited)
    {
        if (!visited.Add(name) || view.ClusterRole(name) is not { } role)
        {
            return;
        }

        rules.AddRange(role.Rules ?? []);
        if (role.AggregationRule?.ClusterRoleSelectors is not { Count: > 0 } selectors)
        {
            return;
        }

        var queries = selectors.Select(LabelQuery.FromObject).ToList();
        foreach (var other in view.ClusterRoles())
        {
            if (other.Metadata?.Name is { } otherName && queries.Any(q => q.Matches(other.Metadata?.Labels)))
            {
                AddClusterRoleRules(view, otherName, rules, visited);
            }
        }
    }

    /// <summary>
    /// Whether a subject list names the user, one of its groups, or (for a service account
    /// "system:serviceaccount:ns:name") that service account; a ServiceAccount subject without a
    /// namespace takes the binding's namespace.
    /// </summary>
    public static bool AppliesTo(List<Subject>? subjects, UserInfo user, string bindingNamespace)
    {
        foreach (var subject in subjects ?? [])
        {
            var matches = subject.Kind switch
            {
                "User" => subject.Name == user.Name,
                "Group" => subject.Name is { } g && user.Groups.Contains(g),
                "ServiceAccount" => user.Name == $"system:serviceaccount:{(string.IsNullOrEmpty(subject.Namespace) ? bindingNamespace : subject.Namespace)}:{subject.Name}",
                _ => false,
            };
            if (matches)
            {
                return true;
            }
        }

        return false;
    }
}
