using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KubeSharp.Networking.Ingress;

/// <summary>
/// The HTTP and HTTPS listeners of the ingress controller: each request is routed by the current
/// <see cref="IngressRouteTable"/> and forwarded over HTTP/1.1 to one ready pod of the chosen Service (round robin),
/// with X-Forwarded-For/-Proto/-Host/-Port and X-Real-IP added and bodies streamed both ways. Upgrade requests
/// (WebSocket) become a two-way byte stream after the pod answers 101. No route: 404; no ready endpoint: 503; the
/// pod unreachable: 502. HTTPS picks the certificate by SNI from the current <see cref="IngressCertificates"/>.
/// </summary>
internal sealed partial class IngressProxy : IAsyncDisposable
{
    // Hop-by-hop headers (RFC 9110 7.6.1) and Host, which is set from the original request.
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authenticate", "Proxy-Authorization", "TE", "Trailer", "Transfer-Encoding", "Upgrade", "Host",
    };

    private readonly Func<IngressRouteTable> _routes;
    private readonly Func<IngressCertificates> _certificates;
    private readonly ILogger _logger;
    private readonly HttpMessageInvoker _client;
    private readonly List<WebApplication> _apps = [];

    public IngressProxy(Func<IngressRouteTable> routes, Func<IngressCertificates> certificates, ILogger logger)
    {
        _routes = routes;
        _certificates = certificates;
        _logger = logger;
        _client = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
            ActivityHeadersPropagator = null,
        });
    }

    /// <summary>The bound HTTP endpoints (actual ports when started with 0).</summary>
    public IReadOnlyList<IPEndPoint> HttpEndpoints { get; private set; } = [];

    /// <summary>The bound HTTPS endpoints.</summary>
    public IReadOnlyList<IPEndPoint> HttpsEndpoints { get; private set; } = [];

    /// <summary>Binds every address on both ports (a port of 0 picks a free one, shared by all addresses; negative: no listener).</summary>
    public async Task StartAsync(IReadOnlyList<IPAddress> addresses, int httpPort, int httpsPort, CancellationToken cancellationToken)
    {
        var (http, https) = await BindAsync(addresses, httpPort, httpsPort, cancellationToken).ConfigureAwait(false);
        HttpEndpoints = http;
        HttpsEndpoints = https;
    }

    private async Task<(List<IPEndPoint> Http, List<IPEndPoint> Https)> BindAsync(IReadOnlyList<IPAddress> addresses, int httpPort, int httpsPort, CancellationToken cancellationToken)
    {
        // Port 0 on several addresses: bind the first, then reuse the port it got for the rest.
        var http = new List<IPEndPoint>();
        var https = new List<IPEndPoint>();
        foreach (var address in addresses.Distinct())
        {
            if (httpPort >= 0)
            {
                var bound = await ListenAsync(address, httpPort, tls: false, cancellationToken).ConfigureAwait(false);
                httpPort = bound.Port;
                http.Add(bound);
            }

            if (httpsPort >= 0)
            {
                var bound = await ListenAsync(address, httpsPort, tls: true, cancellationToken).ConfigureAwait(false);
                httpsPort = bound.Port;
                https.Add(bound);
            }
        }

        return (http, https);
    }

    private async Task<IPEndPoint> ListenAsync(IPAddress address, int port, bool tls, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MinRequestBodyDataRate = null;
            k.Limits.MaxRequestBodySize = null;
            k.Listen(address, port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                if (tls)
                {
                    listen.UseHttps(new TlsHandshakeCallbackOptions
                    {
                        OnConnection = context => ValueTask.FromResult(new SslServerAuthenticationOptions
                        {
                            ServerCertificateContext = _certificates().Select(context.ClientHelloInfo.ServerName),
                            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                            ApplicationProtocols = [SslApplicationProtocol.Http11],
                        }),
                    });
                }
            });
        });
        var app = builder.Build();
        app.Run(ForwardAsync);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        _apps.Add(app);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new IPEndPoint(address, new Uri(bound.Replace("[::]", "localhost", StringComparison.Ordinal).Replace("0.0.0.0", "localhost", StringComparison.Ordinal)).Port);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.StopAsync().ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
        }

        _apps.Clear();
        _client.Dispose();
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var request = context.Request;
        var match = _routes().Match(request.Host.Value, request.Path.Value ?? "/");
        if (match.Upstream is not { } upstream)
        {
            await WriteErrorAsync(context, StatusCodes.Status404NotFound, "404 Not Found").ConfigureAwait(false);
            return;
        }

        if (upstream.Next() is not { } endpoint)
        {
            await WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, "503 Service Temporarily Unavailable").ConfigureAwait(false);
            return;
        }

        var upgrade = context.Features.Get<IHttpUpgradeFeature>() is { IsUpgradableRequest: true } ? context.Features.Get<IHttpUpgradeFeature>() : null;
        using var outgoing = CreateRequest(context, endpoint, upgrade is not null);
        HttpResponseMessage response;
        try
        {
            response = await _client.SendAsync(outgoing, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !context.RequestAborted.IsCancellationRequested)
        {
            Log.UpstreamFailed(_logger, upstream.Name, endpoint, e.Message);
            await WriteErrorAsync(context, StatusCodes.Status502BadGateway, "502 Bad Gateway").ConfigureAwait(false);
            return;
        }
        catch (OperationCanceledException)
        {
            return;
        }

        using (response)
        {
            context.Response.StatusCode = (int)response.StatusCode;
            CopyResponseHeaders(response, context.Response);
            if (upgrade is not null && response.StatusCode == HttpStatusCode.SwitchingProtocols)
            {
                await TunnelAsync(context, upgrade, response).ConfigureAwait(false);
                return;
            }

            var body = await response.Content.ReadAsStreamAsync(context.RequestAborted).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                try
                {
                    await CopyFlushingAsync(body, context.Response.Body, context.RequestAborted).ConfigureAwait(false);
                }
                catch (Exception e) when (e is IOException or OperationCanceledException or HttpRequestException)
                {
                    // Either side went away mid-body; the connection is closed and nothing more can be said.
                    context.Abort();
                }
            }
        }
    }

    private static HttpRequestMessage CreateRequest(HttpContext context, IPEndPoint endpoint, bool upgrade)
    {
        var request = context.Request;
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw && raw.StartsWith('/') ? raw : request.Path.Value + request.QueryString.Value;
        var outgoing = new HttpRequestMessage(new HttpMethod(request.Method), new Uri($"http://{endpoint}{target}"))
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        var hasBody = request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0;
        if (hasBody)
        {
            outgoing.Content = new StreamContent(request.Body);
        }

        foreach (var (name, values) in request.Headers)
        {
            if (HopByHop.Contains(name) || name.StartsWith(':'))
            {
                continue;
            }

            if (!outgoing.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                outgoing.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        outgoing.Headers.Host = request.Host.Value;
        if (upgrade)
        {
            outgoing.Headers.TryAddWithoutValidation("Connection", "Upgrade");
            outgoing.Headers.TryAddWithoutValidation("Upgrade", (IEnumerable<string?>)request.Headers.Upgrade);
        }

        var client = context.Connection.RemoteIpAddress is { } remote ? (remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote).ToString() : null;
        if (client is not null)
        {
            var previous = request.Headers["X-Forwarded-For"].ToString();
            outgoing.Headers.Remove("X-Forwarded-For");
            outgoing.Headers.TryAddWithoutValidation("X-Forwarded-For", previous.Length > 0 ? previous + ", " + client : client);
            outgoing.Headers.Remove("X-Real-IP");
            outgoing.Headers.TryAddWithoutValidation("X-Real-IP", client);
        }

        foreach (var (name, value) in new[]
        {
            ("X-Forwarded-Proto", request.Scheme),
            ("X-Forwarded-Host", request.Host.Value ?? ""),
            ("X-Forwarded-Port", context.Connection.LocalPort.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        })
        {
            outgoing.Headers.Remove(name);
            outgoing.Headers.TryAddWithoutValidation(name, value);
        }

        return outgoing;
    }

    private static void CopyResponseHeaders(HttpResponseMessage response, HttpResponse target)
    {
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) || name.Equals("Keep-Alive", StringComparison.OrdinalIgnoreCase)
                || (response.StatusCode != HttpStatusCode.SwitchingProtocols && (name.Equals("Connection", StringComparison.OrdinalIgnoreCase) || name.Equals("Upgrade", StringComparison.OrdinalIgnoreCase))))
            {
                continue;
            }

            target.Headers[name] = values.ToArray();
        }
    }

    /// <summary>After the pod switched protocols: answers 101 to the client and copies bytes both ways until either side closes.</summary>
    private async Task TunnelAsync(HttpContext context, IHttpUpgradeFeature upgrade, HttpResponseMessage response)
    {
        var backend = await response.Content.ReadAsStreamAsync(context.RequestAborted).ConfigureAwait(false);
        await using (backend.ConfigureAwait(false))
        {
            // Kestrel writes the 101 with the pod's headers copied above (Upgrade, Sec-WebSocket-Accept, ...) and its own Connection.
            context.Response.Headers.Remove("Connection");
            var client = await upgrade.UpgradeAsync().ConfigureAwait(false);
            await using (client.ConfigureAwait(false))
            {
                using var done = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
                var toBackend = CopyFlushingAsync(client, backend, done.Token);
                var toClient = CopyFlushingAsync(backend, client, done.Token);
                try
                {
                    await Task.WhenAny(toBackend, toClient).ConfigureAwait(false);
                }
                finally
                {
                    await done.CancelAsync().ConfigureAwait(false);
                }

                try
                {
                    await Task.WhenAll(toBackend, toClient).ConfigureAwait(false);
                }
                catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
                {
                    Log.TunnelClosed(_logger, e.Message);
                }
            }
        }
    }

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

    private static async Task WriteErrorAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(message + "\n", context.RequestAborted).ConfigureAwait(false);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "ingress: backend {Upstream} at {Endpoint} failed: {Message}")]
        public static partial void UpstreamFailed(ILogger logger, string upstream, IPEndPoint endpoint, string message);

        [LoggerMessage(Level = LogLevel.Debug, Message = "ingress: upgraded connection closed: {Message}")]
        public static partial void TunnelClosed(ILogger logger, string message);
    }
}
