using KubeSharp.Api;
using KubeSharp.ApiServer.Http;

namespace KubeSharp.ApiServer.Authorization;

/// <summary>The 403 Status a denied request receives, worded as Kubernetes' API server words it.</summary>
public static class ForbiddenMessage
{
    /// <summary>The "User … cannot …" sentence for a denied request.</summary>
    public static string Describe(string user, RequestAttributes request)
    {
        if (!request.IsResourceRequest)
        {
            return $"User \"{user}\" cannot {request.Verb} path \"{request.Path}\"";
        }

        var resource = request.Subresource.Length == 0 ? request.Resource : request.Resource + "/" + request.Subresource;
        return request.Namespace.Length > 0
            ? $"User \"{user}\" cannot {request.Verb} resource \"{resource}\" in API group \"{request.Group}\" in the namespace \"{request.Namespace}\""
            : $"User \"{user}\" cannot {request.Verb} resource \"{resource}\" in API group \"{request.Group}\" at the cluster scope";
    }

    /// <summary>
    /// The Status error: "pods is forbidden: …", "pods \"web\" is forbidden: …" when a name is known,
    /// "forbidden: …" for non-resource paths; the qualified resource is resource.group (without subresource).
    /// </summary>
    public static ApiException ToException(string user, RequestAttributes request, string reason = "")
    {
        var detail = Describe(user, request) + (reason.Length > 0 ? ": " + reason : "");
        if (!request.IsResourceRequest)
        {
            return new ApiException(403, "Forbidden", "forbidden: " + detail);
        }

        var qualified = request.Group.Length == 0 ? request.Resource : request.Resource + "." + request.Group;
        var message = request.Name.Length > 0 ? $"{qualified} \"{request.Name}\" is forbidden: {detail}" : $"{qualified} is forbidden: {detail}";
        return new ApiException(403, "Forbidden", message, new StatusDetails { Name = request.Name.Length > 0 ? request.Name : null, Group = request.Group, Kind = request.Resource });
    }
}
