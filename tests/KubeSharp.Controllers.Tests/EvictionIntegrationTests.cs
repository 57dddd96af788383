using System.Net;
using System.Net.Sockets;
using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.Api.Policy.V1;
using KubeSharp.ApiServer;
using KubeSharp.ApiServer.Registry.Strategies;
using KubeSharp.Client;
using KubeSharp.Client.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace KubeSharp.Controllers.Tests;

/// <summary>The pods/eviction subresource of an in-process API server against budgets whose status the test sets.</summary>
public sealed class EvictionIntegrationTests : IAsyncLifetime
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "kubesharp-evict-" + Guid.NewGuid().ToString("N"));
    private readonly CancellationTokenSource _stop = new();
    private ApiServerHost _host = null!;
    private KubernetesClient _client = null!;

    public async Task InitializeAsync()
    {
        var options = new ApiServerOptions { DataDir = _dataDir, HttpsPort = FreePort(), BindAddress = IPAddress.Loopback };
        _host = new ApiServerHost(options, NullLoggerFactory.Instance);
        await _host.StartAsync(BuiltInStrategies.Create(), _ => { }, _stop.Token);
        _client = new KubernetesClient(KubernetesClientConfiguration.FromKubeConfig(options.KubeconfigPath));
    }

    public async Task DisposeAsync()
    {
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
    public async Task Eviction_within_the_budget_deletes_the_pod_and_spends_a_disruption()
    {
        await CreatePodAsync("web-1", "Running");
        await CreateBudgetAsync(disruptionsAllowed: 1);

        var answer = await EvictAsync("web-1");

        Assert.Equal("Success", answer.StatusValue);
        Assert.Null(await _client.TryGetAsync<Pod>("web-1", "default"));
        var budget = await _client.GetAsync<PodDisruptionBudget>("web", "default");
        Assert.Equal(0, budget.Status!.DisruptionsAllowed);
        Assert.Contains("web-1", budget.Status.DisruptedPods!.Keys);
    }

    [Fact]
    public async Task Eviction_beyond_the_budget_is_refused_with_too_many_requests()
    {
        await CreatePodAsync("web-1", "Running");
        await CreateBudgetAsync(disruptionsAllowed: 0);

        var refused = await Assert.ThrowsAsync<KubernetesApiException>(() => EvictAsync("web-1"));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("Cannot evict pod as it would violate the pod's disruption budget.", refused.Status.Message);
        var cause = Assert.Single(refused.Status.Details!.Causes!);
        Assert.Equal(("DisruptionBudget", "The disruption budget web needs 2 healthy pods and has 1 currently"), (cause.Reason, cause.Message));
        Assert.NotNull(await _client.TryGetAsync<Pod>("web-1", "default"));
    }

    [Fact]
    public async Task Dry_run_eviction_neither_deletes_the_pod_nor_spends_a_disruption()
    {
        await CreatePodAsync("web-1", "Running");
        await CreateBudgetAsync(disruptionsAllowed: 1);

        var answer = await _client.CreateSubresourceAsync<Pod, Status>("web-1", "eviction", new Eviction { Metadata = new ObjectMeta { Name = "web-1" }, DeleteOptions = new DeleteOptions { DryRun = ["All"] } }, "default");

        Assert.Equal("Success", answer.StatusValue);
        Assert.NotNull(await _client.TryGetAsync<Pod>("web-1", "default"));
        Assert.Equal(1, (await _client.GetAsync<PodDisruptionBudget>("web", "default")).Status!.DisruptionsAllowed);
    }

    [Fact]
    public async Task Pending_pod_is_evicted_whatever_the_budget()
    {
        await CreatePodAsync("web-1", "Pending");
        await CreateBudgetAsync(disruptionsAllowed: 0);

        Assert.Equal("Success", (await EvictAsync("web-1")).StatusValue);
        Assert.Null(await _client.TryGetAsync<Pod>("web-1", "default"));
    }

    [Fact]
    public async Task Pod_without_a_budget_is_evicted()
    {
        await CreatePodAsync("web-1", "Running");

        Assert.Equal("Success", (await EvictAsync("web-1")).StatusValue);
        Assert.Null(await _client.TryGetAsync<Pod>("web-1", "default"));
    }

    private Task<Status> EvictAsync(string pod) =>
        _client.CreateSubresourceAsync<Pod, Status>(pod, "eviction", new Eviction { Metadata = new ObjectMeta { Name = pod, Namespace = "default" } }, "default");

    private async Task CreatePodAsync(string name, string phase)
    {
        var pod = await _client.CreateAsync(new Pod
        {
            Metadata = new ObjectMeta { Name = name, Namespace = "default", Labels = new() { ["app"] = "web" } },
            Spec = new PodSpec { Containers = [new Container { Name = "c", Image = "nginx" }] },
        });
        pod.Status = new PodStatus
        {
            Phase = phase,
            Conditions = [new PodCondition { Type = "Ready", Status = phase == "Running" ? "True" : "False" }],
        };
        await _client.UpdateStatusAsync(pod);
    }

    private async Task CreateBudgetAsync(int disruptionsAllowed)
    {
        var budget = await _client.CreateAsync(new PodDisruptionBudget
        {
            Metadata = new ObjectMeta { Name = "web", Namespace = "default" },
            Spec = new PodDisruptionBudgetSpec { MinAvailable = 2, Selector = new LabelSelector { MatchLabels = new() { ["app"] = "web" } } },
        });
        budget.Status = new PodDisruptionBudgetStatus
        {
            ObservedGeneration = budget.Metadata?.Generation,
            DisruptionsAllowed = disruptionsAllowed,
            CurrentHealthy = 1 + disruptionsAllowed,
            DesiredHealthy = 2,
            ExpectedPods = 1 + disruptionsAllowed,
        };
        await _client.UpdateStatusAsync(budget);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
