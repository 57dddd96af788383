using KubeSharp.ApiServer.Http;
using KubeSharp.ApiServer.Registry;
using KubeSharp.ApiServer.Security;
using KubeSharp.ApiServer.Storage;
using Microsoft.AspNetCore.Http;

namespace KubeSharp.ApiServer.Authorization;

/// <summary>How the API server authorizes requests (--authorization-mode).</summary>
public enum AuthorizationMode
{
    /// <summary>Role-based access control from Roles, ClusterRoles and their bindings.</summary>
    Rbac,
    /// <summary>Every authenticated request is allowed.</summary>
    AlwaysAllow,
}

/// <summary>
/// The authorization step of the request pipeline: applies impersonation headers (allowed only with
/// the impersonate verb) and then authorizes the request as the effective user.
/// </summary>
public sealed class RequestAuthorization(WatchCache cache, ResourceCatalog catalog, AuthorizationMode mode)
{
    public AuthorizationMode Mode => mode;

    /// <summary>Whether <paramref name="user"/> may do <paramref name="request"/> now.</summary>
    public async Task<bool> IsAllowedAsync(UserInfo user, RequestAttributes request, CancellationToken cancellationToken)
    {
        if (mode == AuthorizationMode.AlwaysAllow || user.Groups.Contains(RbacAuthorizer.SuperuserGroup))
        {
            return true;
        }

        var view = await WatchCacheRbacPolicy.LoadAsync(cache, catalog, cancellationToken).ConfigureAwait(false);
        return RbacAuthorizer.Authorize(view, user, request);
    }

    /// <summary>A point-in-time view of the RBAC objects (for rules reviews).</summary>
    public async Task<IRbacPolicy> PolicyAsync(CancellationToken cancellationToken) =>
        await WatchCacheRbacPolicy.LoadAsync(cache, catalog, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Returns the user the request runs as (the impersonated one when Impersonate-* headers are
    /// present) after checking that user may make <paramref name="path"/>; throws 403 otherwise.
    /// </summary>
    public async Task<UserInfo> AuthorizeAsync(HttpContext context, UserInfo authenticated, string path)
    {
        var user = await ImpersonateAsync(context, authenticated).ConfigureAwait(false);
        var request = RequestAttributes.From(context.Request.Method, path, context.Request.QueryString.Value);
        if (!await IsAllowedAsync(user, request, context.RequestAborted).ConfigureAwait(false))
        {
            throw ForbiddenMessage.ToException(user.Name, request);
        }

        return user;
    }

    private async Task<UserInfo> ImpersonateAsync(HttpContext context, UserInfo authenticated)
    {
        var headers = context.Request.Headers;
        var userName = headers["Impersonate-User"].ToString();
        var groups = headers["Impersonate-Group"].Where(g => !string.IsNullOrEmpty(g)).Select(g => g!).ToList();
        var uid = headers["Impersonate-Uid"].ToString();
        var extras = headers.Keys.Where(k => k.StartsWith("Impersonate-Extra-", StringComparison.OrdinalIgnoreCase)).ToList();
        if (userName.Length == 0)
        {
            if (groups.Count > 0 || uid.Length > 0 || extras.Count > 0)
            {
                throw ApiException.BadRequest("requested impersonation of groups, uid or extra without a user");
            }

            return authenticated;
        }

        // A service account user name is checked against serviceaccounts, as upstream does.
        var serviceAccount = ServiceAccountName(userName);
        var checks = new List<RequestAttributes>
        {
            serviceAccount is { } sa
                ? new RequestAttributes("impersonate", true, "", "serviceaccounts", "", sa.Namespace, sa.Name, "")
                : new RequestAttributes("impersonate", true, "", "users", "", "", userName, ""),
        };
        checks.AddRange(groups.Select(g => new RequestAttributes("impersonate", true, "", "groups", "", "", g, "")));
        if (uid.Length > 0)
        {
            checks.Add(new RequestAttributes("impersonate", true, "authentication.k8s.io", "uids", "", "", uid, ""));
        }

        foreach (var extra in extras)
        {
            var key = Uri.UnescapeDataString(extra["Impersonate-Extra-".Length..]).ToLowerInvariant();
            foreach (var value in headers[extra])
            {
                checks.Add(new RequestAttributes("impersonate", true, "authentication.k8s.io", "userextras", key, "", value ?? "", ""));
            }
        }

        foreach (var check in checks)
        {
            if (!await IsAllowedAsync(authenticated, check, context.RequestAborted).ConfigureAwait(false))
            {
                throw ForbiddenMessage.ToException(authenticated.Name, check);
            }
        }

        var effectiveGroups = new List<string>(groups);
        if (serviceAccount is { } account && groups.Count == 0)
        {
            effectiveGroups.Add("system:serviceaccounts");
            effectiveGroups.Add($"system:serviceaccounts:{account.Namespace}");
        }

        if (userName != "system:anonymous" && !effectiveGroups.Contains("system:authenticated"))
        {
            effectiveGroups.Add("system:authenticated");
        }

        return new UserInfo(userName, effectiveGroups);
    }

    /// <summary>The namespace and name of a "system:serviceaccount:ns:name" user, else null.</summary>
    public static (string Namespace, string Name)? ServiceAccountName(string user)
    {
        const string Prefix = "system:serviceaccount:";
        if (!user.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var parts = user[Prefix.Length..].Split(':');
        return parts.Length == 2 && parts[0].Length > 0 && parts[1].Length > 0 ? (parts[0], parts[1]) : null;
    }
}
