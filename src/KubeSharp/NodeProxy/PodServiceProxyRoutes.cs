using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Net.Sockets;
using KubeSharp.Api.Core.V1;
using KubeSharp.ApiServer.Http;
using KubeSharp.ApiServer.Storage;
using KubeSharp.Node.Kubelet;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace KubeSharp.NodeProxy;

/// <summary>
/// The pods/{name}/proxy and services/{name}/proxy subresources (what `kubectl proxy` users and `kubectl cluster-info`
/// links reach): any method, relayed over HTTP to the pod's IP, or to a ready endpoint of the service, at the port the
/// name carries ("name", "name:port", "scheme:name:port"), with the path after "/proxy" and the query. Upgrade requests
/// (WebSocket) are relayed both ways. The API server dials pod addresses directly: every node's pod network is
/// reachable from the server's host.
/// </summary>
internal sealed class PodServiceProxyRoutes(ResourceStore store)
{
    private static readonly HashSet<string> HopByHopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authenticate", "Proxy-Authorization", "TE", "Trailer",
        "Transfer-Encoding", "Upgrade", "Host",
    };

    // Lives as long as the API server. Like Kubernetes' proxy transport: no redirects followed, no cookies kept, a pod's certificate is not verified.
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
        ConnectTimeout = TimeSpan.FromSeconds(30),
        SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, _, _, _) => true },
    })
    { Timeout = Timeout.InfiniteTimeSpan };

    public async Task<bool> HandleAsync(HttpContext context)
    {
        if (RequestInfo.Parse(context.Request.Path.Value ?? "") is not { Group: "", Version: "v1", Namespace: { } ns, Name: { } id, Subresource: { } sub } request
            || request.Resource is not ("pods" or "services")
            || !(sub == "proxy" || sub.StartsWith("proxy/", StringComparison.Ordinal)))
        {
            return false;
        }

        var rawPath = context.Features.Get<IHttpRequestFeature>()?.RawTarget is { } raw ? raw.Split('?')[0] : context.Request.Path.Value ?? "";
        var suffix = ProxyTarget.RawSuffix(rawPath, request.Resource) ?? sub["proxy".Length..];
        if (!ProxyTarget.TrySplit(id, out var scheme, out var name, out var port))
        {
            throw ApiException.BadRequest($"invalid {(request.Resource == "pods" ? "pod" : "service")} request \"{id}\"");
        }

        var hostPort = request.Resource == "pods"
            ? await PodAddressAsync(ns, name, port, context.RequestAborted).ConfigureAwait(false)
            : await ServiceEndpointAsync(ns, id, name, port, context.RequestAborted).ConfigureAwait(false);
        scheme = scheme.Length == 0 ? "http" : scheme;

        // Kubernetes answers a GET or HEAD of the bare ".../proxy" with a redirect to ".../proxy/".
        if (suffix.Length == 0 && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)))
        {
            context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
            context.Response.Headers.Location = context.Request.PathBase + context.Request.Path + "/" + context.Request.QueryString;
            return true;
        }

        var pathAndQuery = (suffix.Length == 0 ? "/" : suffix) + context.Request.QueryString;
        try
        {
            if (UpgradeRelay.IsUpgradeRequest(context))
            {
                await RelayUpgradeAsync(context, scheme, hostPort, pathAndQuery).ConfigureAwait(false);
            }
            else
            {
                await ForwardAsync(context, new Uri($"{scheme}://{hostPort}{pathAndQuery}")).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is HttpRequestException or SocketException or IOException or AuthenticationException && !context.Response.HasStarted)
        {
            throw new ApiException(503, "ServiceUnavailable", "error trying to reach service: " + ProxyTarget.DialError(hostPort, e));
        }

        return true;
    }

    /// <summary>"ip[:port]" of a pod; without a port, the first port its containers declare (or none: port 80).</summary>
    private async Task<string> PodAddressAsync(string ns, string name, string port, CancellationToken cancellationToken)
    {
        var pods = store.Catalog.Find("", "v1", "pods")!;
        var stored = await store.TryGetAsync(pods, ns, name, cancellationToken).ConfigureAwait(false)
            ?? throw ApiException.NotFound(new GroupResource("", "pods"), name);
        var pod = (Pod)stored.Object;
        if (port.Length == 0)
        {
            port = (pod.Spec?.Containers ?? []).SelectMany(c => c.Ports ?? []).Select(p => p.ContainerPortValue?.ToString(CultureInfo.InvariantCulture)).FirstOrDefault() ?? "";
        }

        if (!IPAddress.TryParse(pod.Status?.PodIP, out var ip) || IPAddress.IsLoopback(ip) || ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any))
        {
            throw ApiException.BadRequest("address not allowed");
        }

        return port.Length == 0 ? Host(ip) : Host(ip) + ":" + port;
    }

    /// <summary>
    /// "ip:port" of a ready endpoint of the service for the port named (a service port's number is first turned into
    /// its name, as Kubernetes does), chosen at random.
    /// </summary>
    private async Task<string> ServiceEndpointAsync(string ns, string id, string name, string port, CancellationToken cancellationToken)
    {
        var services = store.Catalog.Find("", "v1", "services")!;
        var storedService = await store.TryGetAsync(services, ns, name, cancellationToken).ConfigureAwait(false)
            ?? throw ApiException.NotFound(new GroupResource("", "services"), name);
        if (long.TryParse(port, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
        {
            var servicePort = (((Service)storedService.Object).Spec?.Ports ?? []).FirstOrDefault(p => p.Port == number)
                ?? throw new ApiException(503, "ServiceUnavailable", $"no service port {number} found for service \"{name}\"");
            port = servicePort.Name ?? "";
        }

        var endpointsDefinition = store.Catalog.Find("", "v1", "endpoints")!;
        var endpoints = (await store.TryGetAsync(endpointsDefinition, ns, name, cancellationToken).ConfigureAwait(false))?.Object as Endpoints;
        var subsets = endpoints?.Subsets ?? [];
        if (subsets.Count == 0)
        {
            throw new ApiException(503, "ServiceUnavailable", $"no endpoints available for service \"{name}\"");
        }

        var first = Random.Shared.Next(subsets.Count);
        for (var i = 0; i < subsets.Count; i++)
        {
            var subset = subsets[(first + i) % subsets.Count];
            var addresses = (subset.Addresses ?? []).Where(a => IPAddress.TryParse(a.Ip, out _)).ToList();
            if (addresses.Count == 0 || (subset.Ports ?? []).FirstOrDefault(p => (p.Name ?? "") == port) is not { Port: { } endpointPort })
            {
                continue;
            }

            var address = IPAddress.Parse(addresses[Random.Shared.Next(addresses.Count)].Ip!);
            return Host(address) + ":" + endpointPort.ToString(CultureInfo.InvariantCulture);
        }

        throw new ApiException(503, "ServiceUnavailable", $"no endpoints available for service \"{id}\"");
    }

    private async Task ForwardAsync(HttpContext context, Uri target)
    {
        var aborted = context.RequestAborted;
        using var outgoing = new HttpRequestMessage(new HttpMethod(context.Request.Method), target);
        var hasBody = context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0;
        if (hasBody)
        {
            outgoing.Content = new StreamContent(context.Request.Body);
        }

        foreach (var (header, values) in context.Request.Headers)
        {
            if (HopByHopHeaders.Contains(header) || header.Equals("Authorization", StringComparison.OrdinalIgnoreCase))
            {
                // The client's credentials are for the API server; Kubernetes drops them once authenticated.
                continue;
            }

            if (!outgoing.Headers.TryAddWithoutValidation(header, (IEnumerable<string?>)values) && outgoing.Content is not null)
            {
                outgoing.Content.Headers.TryAddWithoutValidation(header, (IEnumerable<string?>)values);
            }
        }

        if (context.Connection.RemoteIpAddress is { } client)
        {
            outgoing.Headers.TryAddWithoutValidation("X-Forwarded-For", client.ToString());
        }

        using var response = await _http.SendAsync(outgoing, HttpCompletionOption.ResponseHeadersRead, aborted).ConfigureAwait(false);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (header, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!HopByHopHeaders.Contains(header))
            {
                context.Response.Headers[header] = values.ToArray();
            }
        }

        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        await using var body = await response.Content.ReadAsStreamAsync(aborted).ConfigureAwait(false);
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(buffer, aborted).ConfigureAwait(false)) > 0)
        {
            // Streamed answers (server-sent events, long polls) reach the client as they arrive.
            await context.Response.Body.WriteAsync(buffer.AsMemory(0, read), aborted).ConfigureAwait(false);
            await context.Response.Body.FlushAsync(aborted).ConfigureAwait(false);
        }
    }

    private static async Task RelayUpgradeAsync(HttpContext context, string scheme, string hostPort, string pathAndQuery)
    {
        var aborted = context.RequestAborted;
        var separator = hostPort.LastIndexOf(':');
        var hasPort = separator > hostPort.LastIndexOf(']');
        var host = (hasPort ? hostPort[..separator] : hostPort).Trim('[', ']');
        var port = hasPort ? int.Parse(hostPort[(separator + 1)..], CultureInfo.InvariantCulture) : scheme == "https" ? 443 : 80;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Parse(host), port, aborted).ConfigureAwait(false);
        Stream stream = tcp.GetStream();
        if (scheme == "https")
        {
            var tls = new SslStream(stream, leaveInnerStreamOpen: false, (_, _, _, _) => true);
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = host }, aborted).ConfigureAwait(false);
            stream = tls;
        }

        await using (stream.ConfigureAwait(false))
        {
            await UpgradeRelay.RelayAsync(context, stream, pathAndQuery, hostPort).ConfigureAwait(false);
        }
    }

    private static string Host(IPAddress ip) => ip.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{ip}]" : ip.ToString();

}
