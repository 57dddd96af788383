using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using KubeSharp.ApiServer.Registry.Strategies;
using KubeSharp.Client;
using KubeSharp.Client.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace KubeSharp.ApiServer.Tests.Http;

/// <summary>An API server on a private data directory and loopback port, spoken to over raw HTTP.</summary>
internal sealed class InProcessServer : IAsyncDisposable
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "kubesharp-apitest-" + Guid.NewGuid().ToString("N"));
    private readonly CancellationTokenSource _stop = new();
    private ApiServerHost _host = null!;

    public HttpClient Http { get; private set; } = null!;

    /// <summary>The server's registry store, for tests that drive its background work directly.</summary>
    public KubeSharp.ApiServer.Storage.ResourceStore Store => _host.Store;

    public static async Task<InProcessServer> StartAsync(int watchHistoryCapacity = WatchCacheDefaults.HistoryCapacity)
    {
        var server = new InProcessServer();
        var options = new ApiServerOptions { DataDir = server._dataDir, HttpsPort = FreePort(), BindAddress = IPAddress.Loopback, WatchHistoryCapacity = watchHistoryCapacity };
        server._host = new ApiServerHost(options, NullLoggerFactory.Instance);
        await server._host.StartAsync(BuiltInStrategies.Create(), _ => { }, server._stop.Token);
        var configuration = KubernetesClientConfiguration.FromKubeConfig(options.KubeconfigPath);
        server.Http = new HttpClient(KubernetesClient.CreateHandler(configuration)) { BaseAddress = configuration.Server, Timeout = TimeSpan.FromSeconds(60) };
        server.Http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return server;
    }

    /// <summary>Sends a request and returns the status code and the parsed JSON body.</summary>
    public async Task<(HttpStatusCode Code, JsonObject Body)> SendAsync(HttpMethod method, string path, JsonObject? body = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text)!.AsObject());
    }

    public async Task<JsonObject> GetAsync(string path)
    {
        var (code, body) = await SendAsync(HttpMethod.Get, path);
        Assert.True(code == HttpStatusCode.OK, $"GET {path}: {code} {body.ToJsonString()}");
        return body;
    }

    public async Task<JsonObject> PostAsync(string path, JsonObject body)
    {
        var (code, answer) = await SendAsync(HttpMethod.Post, path, body);
        Assert.True(code == HttpStatusCode.Created, $"POST {path}: {code} {answer.ToJsonString()}");
        return answer;
    }

    /// <summary>Opens a watch and returns a reader of its event lines.</summary>
    public async Task<WatchStream> WatchAsync(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new WatchStream(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        Http?.Dispose();
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

internal static class WatchCacheDefaults
{
    public const int HistoryCapacity = global::KubeSharp.ApiServer.Storage.WatchCache.DefaultHistoryCapacity;
}

/// <summary>The events of one watch response, one JSON object a line.</summary>
internal sealed class WatchStream(HttpResponseMessage response, StreamReader reader) : IDisposable
{
    /// <summary>The next event; fails the test if none comes within a generous bound (the stream is stuck).</summary>
    public async Task<JsonObject> NextAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var line = await reader.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("the watch ended");
        return JsonNode.Parse(line)!.AsObject();
    }

    public void Dispose()
    {
        reader.Dispose();
        response.Dispose();
    }
}
