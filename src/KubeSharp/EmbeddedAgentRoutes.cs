using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using KubeSharp.ApiServer.Http;
using KubeSharp.Node.Agent;
using KubeSharp.Node.Pods;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

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
        if (agent is null)
        {
            return false;
        }

        var streaming = StreamingPath().Match(context.Request.Path.Value ?? "");
        if (streaming.Success && agent.RunsPod(streaming.Groups[1].Value, streaming.Groups[2].Value))
        {
            await ProxyStreamingAsync(context, agent, streaming.Groups[1].Value, streaming.Groups[2].Value, streaming.Groups[3].Value).ConfigureAwait(false);
            return true;
        }

        if (!HttpMethods.IsGet(context.Request.Method))
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

    /// <summary>
    /// exec, attach and portforward: asks the agent for the runtime's streaming URL and relays the upgraded
    /// connection (SPDY or WebSocket, as the client chose) between the client and containerd's streaming server.
    /// </summary>
    private static async Task ProxyStreamingAsync(HttpContext context, NodeAgent agent, string ns, string pod, string verb)
    {
        var query = context.Request.Query;
        var upgrade = context.Features.Get<IHttpUpgradeFeature>();
        if (upgrade is null || !upgrade.IsUpgradableRequest)
        {
            throw new ApiException(400, "BadRequest", "Upgrade request required");
        }

        Uri target;
        try
        {
            var container = NullIfEmpty(query["container"]);
            bool Flag(string name) => query[name] == "true" || query[name] == "1";
            target = verb switch
            {
                "exec" => await agent.GetExecUrlAsync(ns, pod, container, query["command"].Where(c => c is not null).Select(c => c!).ToList(), Flag("stdin"), Flag("stdout"), Flag("stderr"), Flag("tty"), context.RequestAborted).ConfigureAwait(false),
                "attach" => await agent.GetAttachUrlAsync(ns, pod, container, Flag("stdin"), Flag("stdout"), Flag("stderr"), Flag("tty"), context.RequestAborted).ConfigureAwait(false),
                _ => await agent.GetPortForwardUrlAsync(ns, pod, query["ports"].SelectMany(p => (p ?? "").Split(',')).Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToList(), context.RequestAborted).ConfigureAwait(false),
            };
        }
        catch (ContainerRequestException e)
        {
            throw new ApiException(e.StatusCode, e.StatusCode == 404 ? "NotFound" : "BadRequest", e.Message);
        }

        using var backend = new TcpClient();
        await backend.ConnectAsync(target.Host, target.Port, context.RequestAborted).ConfigureAwait(false);
        var stream = backend.GetStream();
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{context.Request.Method} {target.PathAndQuery} HTTP/1.1\r\n")
            .Append(CultureInfo.InvariantCulture, $"Host: {target.Authority}\r\n");
        foreach (var (name, values) in context.Request.Headers)
        {
            if (name.Equals("Connection", StringComparison.OrdinalIgnoreCase) || name.Equals("Upgrade", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("Sec-WebSocket", StringComparison.OrdinalIgnoreCase) || name.StartsWith("X-Stream-Protocol", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var value in values)
                {
                    head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
                }
            }
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()), context.RequestAborted).ConfigureAwait(false);

        // The backend's response head, up to the blank line; whatever follows already belongs to the stream.
        var buffer = new byte[16 * 1024];
        var filled = 0;
        int end;
        while ((end = IndexOfHeadEnd(buffer, filled)) < 0)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(filled), context.RequestAborted).ConfigureAwait(false);
            if (read == 0 || filled + read >= buffer.Length)
            {
                throw new ApiException(502, "BadGateway", "the container runtime's streaming server did not answer");
            }

            filled += read;
        }

        var lines = Encoding.ASCII.GetString(buffer, 0, end).Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                var name = line[..colon].Trim();
                if (!name.Equals("Connection", StringComparison.OrdinalIgnoreCase) && !name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) && !name.Equals("Date", StringComparison.OrdinalIgnoreCase))
                {
                    context.Response.Headers.Append(name, line[(colon + 1)..].Trim());
                }
            }
        }

        if (status != 101)
        {
            context.Response.StatusCode = status;
            await context.Response.Body.WriteAsync(buffer.AsMemory(end + 4, filled - end - 4), context.RequestAborted).ConfigureAwait(false);
            await stream.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        await using var client = await upgrade.UpgradeAsync().ConfigureAwait(false);
        if (filled > end + 4)
        {
            await client.WriteAsync(buffer.AsMemory(end + 4, filled - end - 4), context.RequestAborted).ConfigureAwait(false);
        }

        using var done = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var up = client.CopyToAsync(stream, done.Token);
        var down = stream.CopyToAsync(client, done.Token);
        await Task.WhenAny(up, down).ConfigureAwait(false);
        await done.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(up, down).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // One side closed; the session is over.
        }
    }

    private static int IndexOfHeadEnd(byte[] buffer, int length) => buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8);

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    [GeneratedRegex("^/api/v1/namespaces/([^/]+)/pods/([^/]+)/(exec|attach|portforward)$")]
    private static partial Regex StreamingPath();

    [GeneratedRegex("^/api/v1/namespaces/([^/]+)/pods/([^/]+)/log$")]
    private static partial Regex PodLogPath();
}
