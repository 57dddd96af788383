using KubeSharp.Api.Rbac.V1;

namespace KubeSharp.ApiServer.Authorization;

/// <summary>Whether one RBAC PolicyRule allows a request, following Kubernetes' rule semantics.</summary>
public static class PolicyRuleMatcher
{
    public static bool Allows(PolicyRule rule, RequestAttributes request) =>
        request.IsResourceRequest ? AllowsResource(rule, request) : AllowsNonResource(rule, request);

    private static bool AllowsResource(PolicyRule rule, RequestAttributes request) =>
        MatchesVerb(rule, request.Verb)
        && (rule.ApiGroups ?? []).Any(g => g == "*" || g == request.Group)
        && MatchesResource(rule.Resources ?? [], request.Resource, request.Subresource)
        && (rule.ResourceNames is not { Count: > 0 } names || (request.Name.Length > 0 && names.Contains(request.Name)));

    private static bool MatchesVerb(PolicyRule rule, string verb) => (rule.Verbs ?? []).Any(v => v == "*" || v == verb);

    /// <summary>"*" matches everything; "res" only the resource itself; "res/sub" and "*/sub" the subresource.</summary>
    private static bool MatchesResource(List<string> resources, string resource, string subresource)
    {
        var combined = subresource.Length == 0 ? resource : resource + "/" + subresource;
        foreach (var r in resources)
        {
            if (r == "*" || r == combined)
            {
                return true;
            }

            if (subresource.Length > 0 && r == "*/" + subresource)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A nonResourceURL matches exactly, or as a prefix when it ends in "*".</summary>
    private static bool AllowsNonResource(PolicyRule rule, RequestAttributes request) =>
        MatchesVerb(rule, request.Verb)
        && (rule.NonResourceURLs ?? []).Any(u => u == "*" || u == request.Path
            || (u.EndsWith('*') && request.Path.StartsWith(u[..^1], StringComparison.Ordinal)));
}
