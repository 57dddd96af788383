namespace KubeSharp.ApiServer.Http;

/// <summary>
/// A parsed resource request path: /api/v1/namespaces/{ns}/{resource}/{name}/{subresource} or
/// /apis/{group}/{version}/…; cluster-scoped and all-namespace forms omit the namespace part.
/// </summary>
public sealed record RequestInfo(string Group, string Version, string? Namespace, string Resource, string? Name, string? Subresource)
{
    /// <summary>Parses a path under /api or /apis; null when the path is not a resource path (discovery and others).</summary>
    public static RequestInfo? Parse(string path)
    {
        var parts = path.Trim('/').Split('/');
        int i;
        string group;
        if (parts.Length >= 3 && parts[0] == "api")
        {
            group = "";
            i = 1;
        }
        else if (parts.Length >= 4 && parts[0] == "apis")
        {
            group = parts[1];
            i = 2;
        }
        else
        {
            return null;
        }

        var version = parts[i++];
        var rest = parts[i..];
        if (rest.Length == 0 || rest.Any(p => p.Length == 0))
        {
            return null;
        }

        // /namespaces/{ns}/{resource}... addresses namespaced resources; /namespaces/{name}[/sub] the namespace itself.
        if (rest[0] == "namespaces" && rest.Length >= 3 && !(rest.Length == 3 && rest[2] is "status" or "finalize"))
        {
            var ns = rest[1];
            return new RequestInfo(group, version, ns, rest[2], rest.Length > 3 ? rest[3] : null, rest.Length > 4 ? string.Join('/', rest[4..]) : null);
        }

        return new RequestInfo(group, version, null, rest[0], rest.Length > 1 ? rest[1] : null, rest.Length > 2 ? string.Join('/', rest[2..]) : null);
    }
}
