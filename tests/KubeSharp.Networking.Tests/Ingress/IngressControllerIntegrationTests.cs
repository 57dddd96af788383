using System.Net;
using System.Net.Sockets;
using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.Api.Discovery.V1;
using KubeSharp.Api.Networking.V1;
using KubeSharp.ApiServer;
using KubeSharp.ApiServer.Registry.Strategies;
using KubeSharp.Client;
using KubeSharp.Client.Configuration;
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

/// <summary>The ingress controller fed by a real API server in this process, proxying to a local HTTP backend.</summary>
public sealed class IngressControllerIntegrationTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "kubesharp-ingresstest-" + Guid.NewGuid().ToString("N"));
    private readonly CancellationTokenSource _stop = new();
    private ApiServerHost _host = null!;
    private KubernetesClient _client = null!;
    private IngressController _controller = null!;
    private WebApplication _backend = null!;
    private int _backendPort;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        var options = new ApiServerOptions { DataDir = _dataDir, HttpsPort = FreeTcpPort(), BindAddress = IPAddress.Loopback };
        _host = new ApiServerHost(options, NullLoggerFactory.Instance);
        await _host.StartAsync(BuiltInStrategies.Create(), _ => { }, _stop.Token);
        _client = new KubernetesClient(KubernetesClientConfiguration.FromKubeConfig(options.KubeconfigPath));

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _backend = builder.Build();
        _backend.Run(context => context.Response.WriteAsync("hello from the backend"));
        await _backend.StartAsync();
        _backendPort = new Uri(_backend.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;

        _controller = new IngressController(_client, new IngressControllerOptions
        {
            ListenAddresses = [IPAddress.Loopback],
            HttpPort = 0,
            HttpsPort = 0,
            StatusAddresses = ["192.0.2.10"],
        }, NullLoggerFactory.Instance);
        await _controller.StartAsync(_stop.Token);
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _controller.DisposeAsync();
        await _backend.DisposeAsync();
        await _stop.CancelAsync();
        _client.Dispose();
        await _host.DisposeAsync();
        _stop.Dispose();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task The_controller_creates_its_ingress_class_as_the_default()
    {
        var ingressClass = await _client.GetAsync<IngressClass>("kubesharp");

        Assert.Equal("kubesharp.io/ingress-controller", ingressClass.Spec?.Controller);
        Assert.Equal("true", ingressClass.Metadata?.Annotations?["ingressclass.kubernetes.io/is-default-class"]);
    }

    [Fact]
    public async Task An_ingress_without_a_class_is_served_from_the_live_service_endpoints_and_gets_the_node_address()
    {
        Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync("shop.example.com"));
        var (service, slice) = Backed("shop", 80, _backendPort, ["127.0.0.1"]);
        service.Spec!.ClusterIP = null;
        await _client.CreateAsync(service);
        await _client.CreateAsync(slice);
        await _client.CreateAsync(NewIngress("shop", new IngressSpec { Rules = [Rule("shop.example.com", IngressPath("/", "Prefix", "shop"))] }));

        await EventuallyAsync(async () => await StatusOfAsync("shop.example.com") == HttpStatusCode.OK);
        await EventuallyAsync(async () => (await _client.GetAsync<Api.Networking.V1.Ingress>("shop", "default")).Status?.LoadBalancer?.Ingress?.Any(i => i.Ip == "192.0.2.10") == true);

        // The pod goes away: no ready endpoint is left.
        await _client.DeleteAsync<EndpointSlice>(slice.Metadata!.Name!, "default");
        await EventuallyAsync(async () => await StatusOfAsync("shop.example.com") == HttpStatusCode.ServiceUnavailable);

        await _client.DeleteAsync<Api.Networking.V1.Ingress>("shop", "default");
        await EventuallyAsync(async () => await StatusOfAsync("shop.example.com") == HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_ingress_of_another_class_is_left_alone()
    {
        var (service, slice) = Backed("other", 80, _backendPort, ["127.0.0.1"]);
        service.Spec!.ClusterIP = null;
        await _client.CreateAsync(service);
        await _client.CreateAsync(slice);
        await _client.CreateAsync(NewIngress("foreign", new IngressSpec { IngressClassName = "traefik", Rules = [Rule("foreign.example.com", IngressPath("/", "Prefix", "other"))] }));
        await _client.CreateAsync(NewIngress("marker", new IngressSpec { IngressClassName = "kubesharp", Rules = [Rule("marker.example.com", IngressPath("/", "Prefix", "other"))] }));

        // Once the later Ingress is served, the earlier one has been seen too.
        await EventuallyAsync(async () => await StatusOfAsync("marker.example.com") == HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync("foreign.example.com"));
        Assert.Null((await _client.GetAsync<Api.Networking.V1.Ingress>("foreign", "default")).Status?.LoadBalancer?.Ingress);
    }

    [Fact]
    public async Task A_tls_secret_created_after_its_ingress_is_served_for_the_ingress_host()
    {
        var (service, slice) = Backed("secure", 80, _backendPort, ["127.0.0.1"]);
        service.Spec!.ClusterIP = null;
        await _client.CreateAsync(service);
        await _client.CreateAsync(slice);
        await _client.CreateAsync(NewIngress("secure", new IngressSpec
        {
            Tls = [new IngressTLS { Hosts = ["secure.example.com"], SecretName = "secure-tls" }],
            Rules = [Rule("secure.example.com", IngressPath("/", "Prefix", "secure"))],
        }));
        var port = _controller.HttpsEndpoints[0].Port;
        await EventuallyAsync(async () => (await GetOverTlsAsync(port, "secure.example.com")).Status == HttpStatusCode.OK);
        Assert.Contains("Fake Certificate", (await GetOverTlsAsync(port, "secure.example.com")).Subject, StringComparison.Ordinal);

        var secret = TlsSecret("secure-tls", "secure.example.com");
        secret.Metadata!.Uid = null;
        secret.Metadata.ResourceVersion = null;
        await _client.CreateAsync(secret);

        await EventuallyAsync(async () => (await GetOverTlsAsync(port, "secure.example.com")).Subject == "CN=secure.example.com");
    }

    private async Task<HttpStatusCode> StatusOfAsync(string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{_controller.HttpEndpoints[0].Port}/");
        request.Headers.Host = host;
        using var response = await _http.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!await condition())
        {
            await Task.Delay(50, timeout.Token);
        }
    }

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
