using System.Globalization;
using System.Text.RegularExpressions;
using KubeSharp.ApiServer.Http;
using KubeSharp.Node.Agent;
using KubeSharp.Node.Pods;
using Microsoft.AspNetCore.Http;

namespace KubeSharp;

/// <summary>
/// Serves pods/{name}/log for pods of the server's own node straight from its in-process agent (the kubelet's
/// containerLogs, without a node port). Pods of other nodes fall through to the API server's own handling.
/// </summary>
internal sealed partial class EmbeddedAgentRoutes
{
    /// <summary>The in-process agent, once started.</summary>
    public NodeAgent? Agent { get; set; }

    public async Task<bool> HandleAsync(HttpContext context)
    {
        var agent = Agent;
        if (agent is null || !HttpMethods.IsGet(context.Request.Method))
        {
            return false;
        }

        var match = PodLogPath().Match(context.Request.Path.Value ?? "");
        if (!match.Success || !agent.RunsPod(match.Groups[1].Value, match.Groups[2].Value))
        {
            return false;
        }

        var query = context.Request.Query;
        var options = new ContainerLogOptions
        {
            Follow = query["follow"] == "true",
            Previous = query["previous"] == "true",
            Timestamps = query["timestamps"] == "true",
            TailLines = long.TryParse(query["tailLines"], CultureInfo.InvariantCulture, out var tail) ? tail : null,
            LimitBytes = long.TryParse(query["limitBytes"], CultureInfo.InvariantCulture, out var limit) ? limit : null,
            SinceTime = DateTimeOffset.TryParse(query["sinceTime"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since) ? since
                : long.TryParse(query["sinceSeconds"], CultureInfo.InvariantCulture, out var seconds) ? DateTimeOffset.UtcNow.AddSeconds(-seconds) : null,
        };
        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/plain";
        try
        {
            await agent.WriteContainerLogAsync(match.Groups[1].Value, match.Groups[2].Value, NullIfEmpty(query["container"]), options, context.Response.Body, context.RequestAborted).ConfigureAwait(false);
        }
        catch (ContainerRequestException e)
        {
            throw new ApiException(e.StatusCode, e.StatusCode == 404 ? "NotFound" : "BadRequest", e.Message);
        }

        return true;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    [GeneratedRegex("^/api/v1/namespaces/([^/]+)/pods/([^/]+)/log$")]
    private static partial Regex PodLogPath();
}
