using KubeSharp.ApiServer.Http;

namespace KubeSharp.ApiServer.Authorization;

/// <summary>
/// What a request asks to do, as Kubernetes' authorizer.Attributes: a resource request (verb, group,
/// resource, subresource, namespace, name) or a non-resource request (verb and path).
/// </summary>
public sealed record RequestAttributes(
    string Verb,
    bool IsResourceRequest,
    string Group,
    string Resource,
    string Subresource,
    string Namespace,
    string Name,
    string Path)
{
    /// <summary>
    /// Derives the attributes of an HTTP request. Collection GETs are list (watch with ?watch=true or
    /// watch=1), DELETE on a collection is deletecollection; paths outside /api and /apis resources
    /// are non-resource requests (streaming GETs of pods/exec, attach and portforward need create, as
    /// upstream checks for websocket upgrades), whose verb is the lower-cased method (get, post, …) as upstream.
    /// </summary>
    public static RequestAttributes From(string method, string path, string? query)
    {
        if (RequestInfo.Parse(path) is not { } info)
        {
            return new RequestAttributes(method.ToLowerInvariant(), false, "", "", "", "", "", path);
        }

        var watch = query is not null && (QueryHas(query, "watch=true") || QueryHas(query, "watch=1"));
        var collection = info.Name is null;
        var verb = method.ToUpperInvariant() switch
        {
            "GET" or "HEAD" when watch => "watch",
            "GET" or "HEAD" when info.Subresource is "exec" or "attach" or "portforward" => "create",
            "GET" or "HEAD" => collection ? "list" : "get",
            "POST" => "create",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" => collection ? "deletecollection" : "delete",
            _ => method.ToLowerInvariant(),
        };
        return new RequestAttributes(verb, true, info.Group, info.Resource, info.Subresource ?? "", info.Namespace ?? "", info.Name ?? "", path);
    }

    private static bool QueryHas(string query, string pair) =>
        query.TrimStart('?').Split('&').Any(p => string.Equals(p, pair, StringComparison.OrdinalIgnoreCase));
}
