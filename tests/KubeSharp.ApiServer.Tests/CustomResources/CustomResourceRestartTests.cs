using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using KubeSharp.ApiServer.Registry.Strategies;
using KubeSharp.Client;
using KubeSharp.Client.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace KubeSharp.ApiServer.Tests.CustomResources;

/// <summary>Stored definitions are served again when the server restarts, with the objects stored under them.</summary>
public sealed class CustomResourceRestartTests : IDisposable
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "kubesharp-crdtest-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task After_a_restart_custom_resources_are_served_from_the_stored_definitions()
    {
        await using (var first = await StartAsync())
        {
            await first.SendAsync(HttpMethod.Post, CronTabs.Definitions, CronTabs.Definition(), HttpStatusCode.Created);
            await first.SendAsync(HttpMethod.Post, CronTabs.Default, CronTabs.CronTab("survivor"), HttpStatusCode.Created);
        }

        await using var second = await StartAsync();
        var read = await second.SendAsync(HttpMethod.Get, $"{CronTabs.Default}/survivor", null, HttpStatusCode.OK);
        var asBeta = await second.SendAsync(HttpMethod.Get, "/apis/stable.example.com/v1beta1/namespaces/default/crontabs/survivor", null, HttpStatusCode.OK);

        Assert.Equal("* * * * */5", read["spec"]!["cronSpec"]!.GetValue<string>());
        Assert.Equal("stable.example.com/v1beta1", asBeta["apiVersion"]!.GetValue<string>());
    }

    private async Task<Host> StartAsync()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var options = new ApiServerOptions { DataDir = _dataDir, HttpsPort = port, BindAddress = IPAddress.Loopback };
        var host = new ApiServerHost(options, NullLoggerFactory.Instance);
        await host.StartAsync(BuiltInStrategies.Create(), _ => { }, CancellationToken.None);
        var configuration = KubernetesClientConfiguration.FromKubeConfig(options.KubeconfigPath);
        var http = new HttpClient(KubernetesClient.CreateHandler(configuration)) { BaseAddress = configuration.Server, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return new Host(host, http);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private sealed class Host(ApiServerHost server, HttpClient http) : IAsyncDisposable
    {
        public async Task<JsonObject> SendAsync(HttpMethod method, string path, JsonObject? body, HttpStatusCode expected)
        {
            using var request = new HttpRequestMessage(method, path);
            if (body is not null)
            {
                request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            }

            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == expected, $"{method} {path}: {response.StatusCode} {text}");
            return JsonNode.Parse(text)!.AsObject();
        }

        public async ValueTask DisposeAsync()
        {
            http.Dispose();
            await server.DisposeAsync();
        }
    }
}
