using KubeSharp.Api.AdmissionRegistration.V1;

namespace KubeSharp.ApiServer.Admission.Webhooks;

/// <summary>
/// Whether a request falls under a webhook's rules, as Kubernetes matches them: an operation,
/// group, version and resource each listed or "*"; resources written "name", "name/sub",
/// "name/*", "*" (every resource, no subresource) or "*/*"; scope Cluster, Namespaced or "*".
/// </summary>
public static class WebhookRules
{
    /// <param name="namespaced">Whether the request's object lives in a namespace (Namespace objects count as cluster-scoped).</param>
    /// <param name="anyVersion">matchPolicy Equivalent: a rule for another version of the same group and resource matches too.</param>
    public static bool Matches(IEnumerable<RuleWithOperations>? rules, string operation, string group, string version, string resource, string? subresource, bool namespaced, bool anyVersion)
    {
        foreach (var rule in rules ?? [])
        {
            if (Contains(rule.Operations, operation)
                && Contains(rule.ApiGroups, group)
                && (anyVersion || Contains(rule.ApiVersions, version))
                && MatchesResource(rule.Resources, resource, subresource ?? "")
                && MatchesScope(rule.Scope, namespaced))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Contains(List<string>? values, string value) =>
        values is not null && values.Any(v => v == "*" || v == value);

    private static bool MatchesResource(List<string>? resources, string resource, string subresource)
    {
        foreach (var entry in resources ?? [])
        {
            var slash = entry.IndexOf('/', StringComparison.Ordinal);
            var (name, sub) = slash < 0 ? (entry, "") : (entry[..slash], entry[(slash + 1)..]);
            if ((name == "*" || name == resource) && (sub == "*" || sub == subresource))
            {
                return true;
            }
        }

        return false;
    }

    private static bool MatchesScope(string? scope, bool namespaced) => scope switch
    {
        "Cluster" => !namespaced,
        "Namespaced" => namespaced,
        _ => true,
    };
}
