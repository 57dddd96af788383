using System.Text;
using System.Text.Json.Nodes;
using KubeSharp.ApiServer.Admission;
using KubeSharp.ApiServer.Admission.Webhooks;
using KubeSharp.ApiServer.Registry;
using KubeSharp.Api.Core.V1;
using KubeSharp.ApiServer.Http;
using KubeSharp.ApiServer.Storage;
using KubeSharp.Node.Kubelet;
using Microsoft.AspNetCore.Http;

namespace KubeSharp.NodeProxy;

/// <summary>
/// The API's routes that the pod's (or node's) kubelet answers, for every node alike: pods/{name}/log →
/// /containerLogs, pods/{name}/exec|attach → /exec|/attach, pods/{name}/portforward → /portForward (upgraded
/// connections relayed both ways), and nodes/{name}/proxy/{path} → /{path} (GET).
/// </summary>
internal sealed class KubeletProxyRoutes(ResourceStore store, KubeletConnector kubelets)
{
    public async Task<bool> HandleAsync(HttpContext context)
    {
        if (RequestInfo.Parse(context.Request.Path.Value ?? "") is not { Group: "", Version: "v1", Name: { } name, Subresource: { } sub } request)
        {
            return false;
        }

        switch (request.Resource, sub)
        {
            case ("pods", "log" or "exec" or "attach" or "portforward") when request.Namespace is { } ns:
                await PodAsync(context, ns, name, sub).ConfigureAwait(false);
                return true;
            case ("nodes", _) when sub == "proxy" || sub.StartsWith("proxy/", StringComparison.Ordinal):
                await NodeProxyAsync(context, name, sub["proxy".Length..]).ConfigureAwait(false);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Admission webhooks see exec, attach and port-forward as CONNECT with the options the query carries.</summary>
    private async Task AdmitConnectAsync(HttpContext context, ResourceDefinition pods, string ns, string name, string sub, Pod pod)
    {
        if (store.Webhooks is not { } webhooks)
        {
            return;
        }

        var query = context.Request.Query;
        JsonObject options;
        if (sub == "portforward")
        {
            options = new JsonObject { ["kind"] = "PodPortForwardOptions", ["apiVersion"] = "v1" };
            var ports = query["ports"].SelectMany(p => (p ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)).ToList();
            if (ports.Count > 0)
            {
                options["ports"] = new JsonArray([.. ports.Select(p => (JsonNode?)JsonValue.Create(int.TryParse(p, out var n) ? n : 0))]);
            }
        }
        else
        {
            options = new JsonObject
            {
                ["kind"] = sub == "exec" ? "PodExecOptions" : "PodAttachOptions",
                ["apiVersion"] = "v1",
            };
            foreach (var flag in new[] { "stdin", "stdout", "stderr", "tty" })
            {
                if (query[flag].ToString() is "true" or "1")
                {
                    options[flag] = true;
                }
            }

            options["container"] = PodContainers.Resolve(pod, query["container"].ToString());
            if (sub == "exec")
            {
                options["command"] = new JsonArray([.. query["command"].Select(c => (JsonNode?)JsonValue.Create(c))]);
            }
        }

        var attributes = new AdmissionAttributes(AdmissionAttributes.Connect, pods, sub, ns, name, null, null, false, RequestUser.Current, null, options);
        await webhooks.MutateAsync(attributes, context.RequestAborted).ConfigureAwait(false);
        await webhooks.ValidateAsync(attributes, context.RequestAborted).ConfigureAwait(false);
    }

    private async Task PodAsync(HttpContext context, string ns, string name, string sub)
    {
        var aborted = context.RequestAborted;
        var streaming = sub != "log";
        if (streaming ? !UpgradeRelay.IsUpgradeRequest(context) : !HttpMethods.IsGet(context.Request.Method))
        {
            throw streaming ? ApiException.BadRequest("Upgrade request required") : ApiException.MethodNotSupported(new GroupResource("", "pods/log"), context.Request.Method);
        }

        var pods = store.Catalog.Find("", "v1", "pods")!;
        var stored = await store.TryGetAsync(pods, ns, name, aborted).ConfigureAwait(false)
            ?? throw ApiException.NotFound(new GroupResource("", "pods"), name);
        var pod = (Pod)stored.Object;
        var nodeName = pod.Spec?.NodeName;
        if (string.IsNullOrEmpty(nodeName))
        {
            throw ApiException.BadRequest($"pod {name} does not have a host assigned");
        }

        if (streaming)
        {
            await AdmitConnectAsync(context, pods, ns, name, sub, pod).ConfigureAwait(false);
        }

        var authority = await kubelets.AuthorityAsync(nodeName, aborted).ConfigureAwait(false);
        var query = QueryWithout(context.Request.Query, "container");
        if (sub == "portforward")
        {
            await RelayAsync(context, authority, $"/portForward/{Escape(ns)}/{Escape(name)}{query}").ConfigureAwait(false);
            return;
        }

        var container = PodContainers.Resolve(pod, context.Request.Query["container"].ToString());
        var target = $"/{(sub == "log" ? "containerLogs" : sub)}/{Escape(ns)}/{Escape(name)}/{Escape(container)}{query}";
        if (streaming)
        {
            await RelayAsync(context, authority, target).ConfigureAwait(false);
            return;
        }

        using var response = await kubelets.GetAsync(authority, target, aborted).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await ErrorFromAsync(response, aborted).ConfigureAwait(false);
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/plain";
        await using var body = await response.Content.ReadAsStreamAsync(aborted).ConfigureAwait(false);
        await CopyFlushingAsync(body, context.Response.Body, aborted).ConfigureAwait(false);
    }

    private async Task NodeProxyAsync(HttpContext context, string nodeName, string path)
    {
        if (!HttpMethods.IsGet(context.Request.Method))
        {
            throw ApiException.MethodNotSupported(new GroupResource("", "nodes/proxy"), context.Request.Method);
        }

        var aborted = context.RequestAborted;
        // "node" or "node:port" (the kubelet's port: other ports of the node are not proxied).
        if (!ProxyTarget.TrySplit(nodeName, out _, out var name, out var port))
        {
            throw ApiException.BadRequest($"invalid node request \"{nodeName}\"");
        }

        var authority = await kubelets.AuthorityAsync(name, aborted).ConfigureAwait(false);
        if (port.Length > 0 && !authority.EndsWith(":" + port, StringComparison.Ordinal))
        {
            throw ApiException.BadRequest($"node {name}: only the kubelet's port ({authority[(authority.LastIndexOf(':') + 1)..]}) is proxied");
        }

        using var response = await kubelets.GetAsync(authority, (path.Length == 0 ? "/" : path) + context.Request.QueryString, aborted).ConfigureAwait(false);
        context.Response.StatusCode = (int)response.StatusCode;
        context.Response.ContentType = response.Content.Headers.ContentType?.ToString() ?? "text/plain";
        await using var body = await response.Content.ReadAsStreamAsync(aborted).ConfigureAwait(false);
        await CopyFlushingAsync(body, context.Response.Body, aborted).ConfigureAwait(false);
    }

    private async Task RelayAsync(HttpContext context, string authority, string pathAndQuery)
    {
        await using var connection = await kubelets.ConnectAsync(authority, context.RequestAborted).ConfigureAwait(false);
        await UpgradeRelay.RelayAsync(context, connection, pathAndQuery, authority).ConfigureAwait(false);
    }

    /// <summary>A kubelet's error answer (plain text) as the API's Status.</summary>
    private static async Task<ApiException> ErrorFromAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = (await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).Trim();
        var code = (int)response.StatusCode;
        var reason = code switch
        {
            400 => "BadRequest",
            403 => "Forbidden",
            404 => "NotFound",
            _ => "InternalError",
        };
        return new ApiException(code, reason, text.Length == 0 ? response.ReasonPhrase ?? reason : text);
    }

    // Follows (logs -f) must reach the client as lines are written, not when a buffer fills.
    private static async Task CopyFlushingAsync(Stream from, Stream to, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await from.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            await to.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    /// <summary>The query string without <paramref name="name"/> ("" or "?a=b&amp;…"), values re-escaped.</summary>
    internal static string QueryWithout(IQueryCollection query, string name)
    {
        var text = new StringBuilder();
        foreach (var (key, values) in query)
        {
            if (key == name)
            {
                continue;
            }

            foreach (var value in values)
            {
                text.Append(text.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value ?? ""));
            }
        }

        return text.ToString();
    }
}

/// <summary>Which container of a pod a log or exec request means, with the API server's messages.</summary>
internal static class PodContainers
{
    /// <exception cref="ApiException">No container was named and the pod has several, or the name is not the pod's.</exception>
    public static string Resolve(Pod pod, string? requested)
    {
        var name = pod.Metadata?.Name;
        var containers = (pod.Spec?.Containers ?? []).Select(c => c.Name ?? "").ToList();
        var init = (pod.Spec?.InitContainers ?? []).Select(c => c.Name ?? "").ToList();
        var ephemeral = (pod.Spec?.EphemeralContainers ?? []).Select(c => c.Name ?? "").ToList();
        if (string.IsNullOrEmpty(requested))
        {
            if (containers.Count == 1)
            {
                return containers[0];
            }

            var message = $"a container name must be specified for pod {name}, choose one of: [{string.Join(' ', containers)}]";
            if (init.Count > 0)
            {
                message += $" or one of the init containers: [{string.Join(' ', init)}]";
            }

            throw ApiException.BadRequest(message);
        }

        if (!containers.Concat(init).Concat(ephemeral).Contains(requested))
        {
            throw ApiException.BadRequest($"container {requested} is not valid for pod {name}");
        }

        return requested;
    }
}
