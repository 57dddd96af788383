using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.Api.Networking.V1;
using KubeSharp.Networking.Ingress;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using static KubeSharp.Networking.Tests.Ingress.IngressObjects;

namespace KubeSharp.Networking.Tests.Ingress;

/// <summary>The ingress proxy on loopback ports in front of a plain local HTTP backend standing in for a pod.</summary>
public sealed class IngressProxyTests : IAsyncLifetime
{
    private readonly TaskCompletionSource _releaseStream = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication _backend = null!;
    private int _backendPort;
    private IngressProxy _proxy = null!;
    private IngressRouteTable _routes = IngressRouteTable.Empty;
    private IngressCertificates _certificates = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _backend = builder.Build();
        _backend.UseWebSockets();
        _backend.Run(ServeBackendAsync);
        await _backend.StartAsync();
        _backendPort = new Uri(_backend.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;

        _certificates = IngressCertificates.Build([], (_, _) => null, new IngressCertificates.SecretCertificateCache(), IngressCertificates.CreateSelfSigned());
        _proxy = new IngressProxy(() => _routes, () => _certificates, NullLogger.Instance);
        await _proxy.StartAsync([IPAddress.Loopback], 0, 0, CancellationToken.None);
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false });
    }

    public async Task DisposeAsync()
    {
        _releaseStream.TrySetResult();
        _http.Dispose();
        await _proxy.DisposeAsync();
        await _backend.StopAsync();
        await _backend.DisposeAsync();
    }

    private int HttpPort => _proxy.HttpEndpoints[0].Port;

    private void Route(params Api.Networking.V1.Ingress[] ingresses)
    {
        var (service, slice) = Backed("web", 80, _backendPort, ["127.0.0.1"]);
        var (empty, emptySlice) = Backed("empty", 80, _backendPort, []);
        _routes = IngressRouteTable.Build(ingresses, [service, empty], [slice, emptySlice]);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string host, string pathAndQuery, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, $"http://127.0.0.1:{HttpPort}{pathAndQuery}") { Content = content };
        request.Headers.Host = host;
        return await _http.SendAsync(request);
    }

    [Fact]
    public async Task A_request_matching_host_and_path_reaches_the_backend_with_forwarding_headers()
    {
        Route(NewIngress("site", new IngressSpec { Rules = [Rule("app.example.com", IngressPath("/api", "Prefix", "web"))] }));

        using var response = await SendAsync(HttpMethod.Get, "app.example.com", "/api/items?limit=5&q=a%20b");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("GET /api/items?limit=5&q=a%20b\n", body, StringComparison.Ordinal);
        Assert.Contains("host=app.example.com\n", body, StringComparison.Ordinal);
        Assert.Contains("x-forwarded-for=127.0.0.1\n", body, StringComparison.Ordinal);
        Assert.Contains("x-forwarded-proto=http\n", body, StringComparison.Ordinal);
        Assert.Contains("x-forwarded-host=app.example.com\n", body, StringComparison.Ordinal);
        Assert.Equal("backend", response.Headers.GetValues("X-Served-By").Single());
    }

    [Fact]
    public async Task Request_bodies_are_forwarded()
    {
        Route(NewIngress("site", new IngressSpec { DefaultBackend = Backend("web") }));
        var payload = new string('x', 200_000);

        using var response = await SendAsync(HttpMethod.Post, "any.test", "/upload", new StringContent(payload));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.EndsWith("body=" + payload.Length + "\n", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Response_bodies_stream_before_the_backend_finishes()
    {
        Route(NewIngress("site", new IngressSpec { DefaultBackend = Backend("web") }));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{HttpPort}/stream");

        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var first = await reader.ReadLineAsync();
        // The backend sends the rest only after the first line arrived through the proxy.
        _releaseStream.SetResult();
        var rest = await reader.ReadToEndAsync();

        Assert.Equal("first", first);
        Assert.Equal("second\n", rest);
    }

    [Fact]
    public async Task An_unknown_host_gets_404()
    {
        Route(NewIngress("site", new IngressSpec { Rules = [Rule("app.example.com", IngressPath("/", "Prefix", "web"))] }));

        using var response = await SendAsync(HttpMethod.Get, "unknown.example.com", "/");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_service_without_ready_endpoints_gets_503()
    {
        Route(NewIngress("site", new IngressSpec { Rules = [Rule("app.example.com", IngressPath("/", "Prefix", "empty"))] }));

        using var response = await SendAsync(HttpMethod.Get, "app.example.com", "/");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task A_new_route_table_takes_effect_without_restarting()
    {
        Route();
        using (var before = await SendAsync(HttpMethod.Get, "late.example.com", "/"))
        {
            Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        }

        Route(NewIngress("late", new IngressSpec { Rules = [Rule("late.example.com", IngressPath("/", "Prefix", "web"))] }));
        using var after = await SendAsync(HttpMethod.Get, "late.example.com", "/");

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task WebSocket_upgrades_are_tunnelled_to_the_backend()
    {
        Route(NewIngress("site", new IngressSpec { Rules = [Rule(null, IngressPath("/ws", "Prefix", "web"))] }));
        using var socket = new ClientWebSocket();

        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{HttpPort}/ws"), CancellationToken.None);
        await socket.SendAsync(Encoding.UTF8.GetBytes("ping"), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        var buffer = new byte[64];
        var received = await socket.ReceiveAsync(buffer, CancellationToken.None);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);

        Assert.Equal("echo: ping", Encoding.UTF8.GetString(buffer, 0, received.Count));
    }

    [Fact]
    public async Task HTTPS_presents_the_certificate_of_the_tls_secret_for_the_SNI_host_and_a_fallback_otherwise()
    {
        var secret = TlsSecret("secure-tls", "secure.example.com");
        var ingress = NewIngress("secure", new IngressSpec
        {
            Tls = [new IngressTLS { Hosts = ["secure.example.com"], SecretName = "secure-tls" }],
            Rules = [Rule("secure.example.com", IngressPath("/", "Prefix", "web"))],
        });
        Route(ingress);
        _certificates = IngressCertificates.Build([ingress], (ns, name) => ns == "default" && name == "secure-tls" ? secret : null, new IngressCertificates.SecretCertificateCache(), IngressCertificates.CreateSelfSigned());

        var (status, body, subject) = await GetOverTlsAsync(_proxy.HttpsEndpoints[0].Port, "secure.example.com");
        var (_, _, fallbackSubject) = await GetOverTlsAsync(_proxy.HttpsEndpoints[0].Port, "other.example.com");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("x-forwarded-proto=https\n", body, StringComparison.Ordinal);
        Assert.Equal("CN=secure.example.com", subject);
        Assert.Contains("Fake Certificate", fallbackSubject, StringComparison.Ordinal);
    }

    private async Task ServeBackendAsync(HttpContext context)
    {
        var request = context.Request;
        context.Response.Headers["X-Served-By"] = "backend";
        if (request.Path == "/ws" && context.WebSockets.IsWebSocketRequest)
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var buffer = new byte[64];
            var received = await socket.ReceiveAsync(buffer, CancellationToken.None);
            await socket.SendAsync(Encoding.UTF8.GetBytes("echo: " + Encoding.UTF8.GetString(buffer, 0, received.Count)), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
            await socket.ReceiveAsync(buffer, CancellationToken.None);
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
            return;
        }

        if (request.Path == "/stream")
        {
            await context.Response.WriteAsync("first\n");
            await context.Response.Body.FlushAsync();
            await _releaseStream.Task;
            await context.Response.WriteAsync("second\n");
            return;
        }

        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        var text = new StringBuilder()
            .Append(request.Method).Append(' ').Append(request.Path).Append(request.QueryString).Append('\n')
            .Append("host=").Append(request.Headers.Host).Append('\n');
        foreach (var name in new[] { "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host" })
        {
            text.Append(name).Append('=').Append(request.Headers[name]).Append('\n');
        }

        text.Append("body=").Append(body.Length).Append('\n');
        await context.Response.WriteAsync(text.ToString());
    }
}
