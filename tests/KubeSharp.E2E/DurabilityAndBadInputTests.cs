using System.Collections.Concurrent;
using System.Net;
using System.Text;
using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.Client;
using KubeSharp.Client.Configuration;

namespace KubeSharp.E2E;

/// <summary>
/// A server of its own (it is killed on purpose): acknowledged writes survive kill -9, and bad input
/// gets a Kubernetes Status error without changing anything or bringing the server down.
/// </summary>
public sealed class DurabilityAndBadInputTests : IAsyncLifetime
{
    private const string Noise = "{}[]\":,0a-";

    private readonly ClusterFixture _cluster = new();

    public Task InitializeAsync() => _cluster.InitializeAsync();

    public Task DisposeAsync() => _cluster.DisposeAsync();

    private KubernetesClient Client() => new(KubernetesClientConfiguration.FromKubeConfig(_cluster.Kubeconfig));

    [Fact]
    public async Task Kill_9_under_concurrent_writes_loses_no_acknowledged_write()
    {
        var acknowledged = new ConcurrentBag<string>();
        using (var client = Client())
        {
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 16).Select(w => Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var name = $"w{w}-{i}";
                    try
                    {
                        await client.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = name, Namespace = "default" }, Data = new() { ["i"] = name } });
                        acknowledged.Add(name);
                    }
                    catch (Exception) when (stop.IsCancellationRequested)
                    {
                        return;
                    }
                    catch (HttpRequestException)
                    {
                        return;
                    }
                }
            })).ToList();
            while (acknowledged.Count < 300)
            {
                await Task.Delay(20);
            }

            _cluster.KillServer();
            await stop.CancelAsync();
            await Task.WhenAll(writers.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
        }

        await _cluster.StartServerAsync();
        using var after = Client();
        var list = await after.ListAllAsync<ConfigMap>("default");
        var present = list.Items.Select(c => c.Metadata!.Name!).ToHashSet();
        var lost = acknowledged.Where(n => !present.Contains(n)).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} acknowledged writes lost, e.g. {string.Join(", ", lost.Take(5))}");
        Assert.True(acknowledged.Count >= 300);
    }

    [Fact]
    public async Task Thousands_of_mutated_requests_get_status_errors_and_never_a_5xx()
    {
        using var client = Client();
        var seeds = new[]
        {
            """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"ok","namespace":"default"},"data":{"a":"1"}}""",
            """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"},"spec":{"replicas":1,"selector":{"matchLabels":{"a":"b"}},"template":{"metadata":{"labels":{"a":"b"}},"spec":{"containers":[{"name":"c","image":"nginx"}]}}}}""",
            """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"busybox","ports":[{"containerPort":80}]}]}}""",
        };
        var paths = new[] { "/api/v1/namespaces/default/configmaps", "/apis/apps/v1/namespaces/default/deployments", "/api/v1/namespaces/default/pods" };
        var contentTypes = new[] { "application/json", "application/yaml", "application/vnd.kubernetes.protobuf", "text/html", "application/merge-patch+json" };
        var random = new Random(42);
        var serverErrors = new List<string>();
        for (var i = 0; i < 3000; i++)
        {
            var seed = random.Next(seeds.Length);
            var body = Encoding.UTF8.GetBytes(seeds[seed]);
            var mutations = random.Next(1, 4);
            for (var m = 0; m < mutations; m++)
            {
                if (body.Length == 0)
                {
                    break;
                }

                var at = random.Next(body.Length);
                switch (random.Next(3))
                {
                    case 0: body[at] = (byte)random.Next(256); break;
                    case 1: body = body[..at]; break;
                    default: body = [.. body[..at], (byte)Noise[random.Next(Noise.Length)], .. body[at..]]; break;
                }
            }

            var contentType = contentTypes[random.Next(contentTypes.Length)];
            var method = random.Next(4) switch { 0 => HttpMethod.Put, 1 => HttpMethod.Patch, _ => HttpMethod.Post };
            var path = paths[seed] + (method == HttpMethod.Post ? "" : "/ok");
            using var response = await client.SendAsync(() => new HttpRequestMessage(method, path)
            {
                Content = new ByteArrayContent(body) { Headers = { { "Content-Type", contentType } } },
            }, HttpCompletionOption.ResponseContentRead);
            if ((int)response.StatusCode >= 500)
            {
                serverErrors.Add($"{method} {path} {contentType}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
            else if (!response.IsSuccessStatusCode)
            {
                var text = await response.Content.ReadAsStringAsync();
                Assert.Contains("\"kind\":\"Status\"", text, StringComparison.Ordinal);
            }
        }

        Assert.True(serverErrors.Count == 0, string.Join("\n", serverErrors.Take(10)));
        var health = await client.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, "/readyz"), HttpCompletionOption.ResponseContentRead);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Theory]
    [InlineData("application/json", "{not json", 400, "BadRequest")]
    [InlineData("text/html", "<html/>", 415, "UnsupportedMediaType")]
    [InlineData("application/json", """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"x"}}""", 400, "BadRequest")]
    [InlineData("application/json", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"Bad_Name"}}""", 422, "Invalid")]
    [InlineData("application/json", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"},"bogus":1}""", 400, "BadRequest")]
    public async Task Bad_configmap_creates_are_rejected_with_status_and_store_nothing(string contentType, string body, int code, string reason)
    {
        using var client = Client();
        using var response = await client.SendAsync(() => new HttpRequestMessage(HttpMethod.Post, "/api/v1/namespaces/default/configmaps?fieldValidation=Strict")
        {
            Content = new StringContent(body, Encoding.UTF8) { Headers = { ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType) } },
        }, HttpCompletionOption.ResponseContentRead);
        Assert.Equal(code, (int)response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains($"\"reason\":\"{reason}\"", text, StringComparison.Ordinal);
        var list = await client.ListAsync<ConfigMap>("default");
        Assert.DoesNotContain(list.Items, c => c.Metadata!.Name is "x" or "Bad_Name");
    }

    [Fact]
    public async Task Update_with_a_stale_resource_version_is_a_conflict()
    {
        using var client = Client();
        var created = await client.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "cas", Namespace = "default" }, Data = new() { ["v"] = "1" } });
        var first = await client.GetAsync<ConfigMap>("cas", "default");
        first.Data!["v"] = "2";
        await client.UpdateAsync(first);
        created.Data!["v"] = "3";
        var error = await Assert.ThrowsAsync<KubernetesApiException>(() => client.UpdateAsync(created));
        Assert.Equal(409, error.Status.Code);
        Assert.Equal("Conflict", error.Status.Reason);
        Assert.Equal("2", (await client.GetAsync<ConfigMap>("cas", "default")).Data!["v"]);
    }
}
