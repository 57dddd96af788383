using System.Net;
using System.Net.Sockets;
using KubeSharp.Api;
using KubeSharp.Api.Apps.V1;
using KubeSharp.Api.Batch.V1;
using KubeSharp.Api.Core.V1;
using KubeSharp.ApiServer;
using KubeSharp.ApiServer.Registry.Strategies;
using KubeSharp.Client;
using KubeSharp.Client.Configuration;
using KubeSharp.Scheduler;
using Microsoft.Extensions.Logging.Abstractions;

namespace KubeSharp.Controllers.Tests;

/// <summary>
/// The controller manager and scheduler against a real in-process API server, with one node whose
/// pods are made Running by <see cref="SimulatedKubelet"/>.
/// </summary>
public sealed class DeploymentRolloutIntegrationTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "kubesharp-ctl-" + Guid.NewGuid().ToString("N"));
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _running = [];
    private ApiServerHost _host = null!;
    private KubernetesClient _client = null!;

    public async Task InitializeAsync()
    {
        var options = new ApiServerOptions { DataDir = _dataDir, HttpsPort = FreePort(), BindAddress = IPAddress.Loopback };
        _host = new ApiServerHost(options, NullLoggerFactory.Instance);
        await _host.StartAsync(BuiltInStrategies.Create(), _ => { }, _stop.Token);
        _client = new KubernetesClient(KubernetesClientConfiguration.FromKubeConfig(options.KubeconfigPath));

        var node = await _client.CreateAsync(new Node { Metadata = new ObjectMeta { Name = "node-1", Labels = new() { ["kubernetes.io/hostname"] = "node-1" } } });
        node.Status = new NodeStatus
        {
            Allocatable = new() { ["cpu"] = Quantity.Parse("4"), ["memory"] = Quantity.Parse("8Gi"), ["pods"] = Quantity.Parse("110") },
            Capacity = new() { ["cpu"] = Quantity.Parse("4"), ["memory"] = Quantity.Parse("8Gi"), ["pods"] = Quantity.Parse("110") },
            Conditions = [new NodeCondition { Type = "Ready", Status = "True", Reason = "KubeletReady", LastHeartbeatTime = DateTimeOffset.UtcNow, LastTransitionTime = DateTimeOffset.UtcNow }],
        };
        await _client.UpdateStatusAsync(node);

        _running.Add(new ControllerManager(_client, NullLoggerFactory.Instance).RunAsync(_stop.Token));
        _running.Add(new PodScheduler(_client, NullLoggerFactory.Instance).RunAsync(_stop.Token));
        _running.Add(new SimulatedKubelet(_client).RunAsync(_stop.Token));
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_running);
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Deployment Web(string image) => new()
    {
        Metadata = new ObjectMeta { Name = "web", Namespace = "default", Annotations = new() { ["kubernetes.io/change-cause"] = "image " + image } },
        Spec = new DeploymentSpec
        {
            Replicas = 3,
            Selector = new LabelSelector { MatchLabels = new() { ["app"] = "web" } },
            Template = new PodTemplateSpec
            {
                Metadata = new ObjectMeta { Labels = new() { ["app"] = "web" } },
                Spec = new PodSpec { Containers = [new Container { Name = "web", Image = image, Resources = new ResourceRequirements { Requests = new() { ["cpu"] = Quantity.Parse("100m") } } }] },
            },
        },
    };

    private async Task<Deployment> WaitForRolloutAsync(Func<Deployment, bool> also)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            var d = await _client.GetAsync<Deployment>("web", "default", timeout.Token);
            var s = d.Status;
            if (s is not null && s.ObservedGeneration >= d.Metadata!.Generation && s.UpdatedReplicas == 3 && s.Replicas == 3 && s.AvailableReplicas == 3
                && s.Conditions?.Any(c => c.Type == "Progressing" && c.Reason == "NewReplicaSetAvailable") == true && also(d))
            {
                return d;
            }

            await Task.Delay(200, timeout.Token);
        }
    }

    [Fact]
    public async Task Service_endpoints_and_disruption_budget_follow_the_deployment_pods()
    {
        await _client.CreateAsync(new Service
        {
            Metadata = new ObjectMeta { Name = "web", Namespace = "default" },
            Spec = new ServiceSpec { Selector = new() { ["app"] = "web" }, Ports = [new ServicePort { Name = "http", Port = 80, TargetPort = 8080 }] },
        });
        await _client.CreateAsync(new Api.Policy.V1.PodDisruptionBudget
        {
            Metadata = new ObjectMeta { Name = "web", Namespace = "default" },
            Spec = new Api.Policy.V1.PodDisruptionBudgetSpec { MaxUnavailable = 1, Selector = new LabelSelector { MatchLabels = new() { ["app"] = "web" } } },
        });
        await _client.CreateAsync(Web("nginx:1"));
        await WaitForRolloutAsync(_ => true);

        await WaitUntilAsync(async () => (await _client.TryGetAsync<Api.Core.V1.Endpoints>("web", "default"))?.Subsets is [{ Addresses.Count: 3, Ports: [{ Port: 8080 }] }]);
        await WaitUntilAsync(async () => (await _client.ListAsync<Api.Discovery.V1.EndpointSlice>("default", new ListOptions { LabelSelector = "kubernetes.io/service-name=web" })).Items
            is [{ AddressType: "IPv4", Endpoints.Count: 3 } slice] && slice.Endpoints.All(e => e.Conditions?.Ready == true));
        await WaitUntilAsync(async () => (await _client.GetAsync<Api.Policy.V1.PodDisruptionBudget>("web", "default")).Status
            is { ExpectedPods: 3, CurrentHealthy: 3, DesiredHealthy: 2, DisruptionsAllowed: 1 });

        var pods = await _client.ListAsync<Pod>("default", new ListOptions { LabelSelector = "app=web" });
        await _client.CreateSubresourceAsync<Pod, Status>(pods.Items[0].Metadata!.Name!, "eviction", new Api.Policy.V1.Eviction { Metadata = new ObjectMeta { Name = pods.Items[0].Metadata!.Name } }, "default");
        await WaitForRolloutAsync(_ => true);

        await _client.DeleteAsync<Service>("web", "default");
        await WaitUntilAsync(async () => await _client.TryGetAsync<Api.Core.V1.Endpoints>("web", "default") is null);
    }

    [Fact]
    public async Task Deployment_reaches_its_replicas_and_a_rolling_update_replaces_every_pod()
    {
        await _client.CreateAsync(Web("nginx:1"));

        var first = await WaitForRolloutAsync(_ => true);
        Assert.Equal("1", first.Metadata!.Annotations![DeploymentRevisionAnnotation]);
        var pods = (await _client.ListAsync<Pod>("default")).Items;
        Assert.Equal(3, pods.Count);
        Assert.All(pods, p => Assert.Equal("node-1", p.Spec!.NodeName));
        Assert.All(pods, p => Assert.StartsWith("web-", p.Metadata!.Name, StringComparison.Ordinal));
        var firstRs = Assert.Single((await _client.ListAsync<ReplicaSet>("default")).Items);
        Assert.Equal(firstRs.Metadata!.Labels!["pod-template-hash"], firstRs.Spec!.Template!.Metadata!.Labels!["pod-template-hash"]);
        Assert.Equal("image nginx:1", firstRs.Metadata.Annotations!["kubernetes.io/change-cause"]);
        Assert.All(pods, p => Assert.Contains(p.Metadata!.OwnerReferences!, o => o.Uid == firstRs.Metadata.Uid && o.Controller == true && o.BlockOwnerDeletion == true));

        var update = await _client.GetAsync<Deployment>("web", "default");
        update.Spec!.Template!.Spec!.Containers![0].Image = "nginx:2";
        update.Metadata!.Annotations!["kubernetes.io/change-cause"] = "image nginx:2";
        await _client.UpdateAsync(update);

        var second = await WaitForRolloutAsync(d => d.Metadata!.Annotations![DeploymentRevisionAnnotation] == "2");
        var replicaSets = (await _client.ListAsync<ReplicaSet>("default")).Items;
        Assert.Equal(2, replicaSets.Count);
        var newRs = replicaSets.Single(rs => rs.Metadata!.Annotations![DeploymentRevisionAnnotation] == "2");
        var oldRs = replicaSets.Single(rs => rs.Metadata!.Annotations![DeploymentRevisionAnnotation] == "1");
        Assert.Equal(3, newRs.Spec!.Replicas);
        Assert.Equal(0, oldRs.Spec!.Replicas);
        Assert.Equal("image nginx:2", newRs.Metadata!.Annotations!["kubernetes.io/change-cause"]);
        var hash = newRs.Metadata.Labels!["pod-template-hash"];
        await WaitUntilAsync(async () => (await _client.ListAsync<Pod>("default")).Items is { Count: 3 } now && now.All(p => p.Metadata!.Labels!["pod-template-hash"] == hash));
        Assert.Equal("True", second.Status!.Conditions!.Single(c => c.Type == "Available").Status);
        var events = (await _client.ListAsync<Event>("default")).Items;
        Assert.Contains(events, e => e.Reason == "ScalingReplicaSet" && e.InvolvedObject!.Name == "web" && e.Message == $"Scaled up replica set {newRs.Metadata.Name} from 0 to 1");
        Assert.Contains(events, e => e.Reason == "ScalingReplicaSet" && e.Message == $"Scaled down replica set {oldRs.Metadata!.Name} from 1 to 0");
        Assert.Contains(events, e => e.Reason == "SuccessfulCreate" && e.InvolvedObject!.Kind == "ReplicaSet" && e.Source!.Component == "replicaset-controller");
        Assert.Contains(events, e => e.Reason == "Scheduled" && e.Source!.Component == "default-scheduler");
    }

    [Fact]
    public async Task Deployment_adopts_a_matching_orphan_replica_set_and_replaces_its_pods()
    {
        var legacy = Web("nginx:0");
        await _client.CreateAsync(new ReplicaSet
        {
            Metadata = new ObjectMeta { Name = "legacy", Namespace = "default", Labels = new() { ["app"] = "web" } },
            Spec = new ReplicaSetSpec { Replicas = 1, Selector = legacy.Spec!.Selector, Template = legacy.Spec.Template },
        });
        await WaitUntilAsync(async () => (await _client.GetAsync<ReplicaSet>("legacy", "default")).Status?.AvailableReplicas == 1);

        await _client.CreateAsync(Web("nginx:1"));

        await WaitForRolloutAsync(_ => true);
        var adopted = await _client.GetAsync<ReplicaSet>("legacy", "default");
        var deployment = await _client.GetAsync<Deployment>("web", "default");
        Assert.Contains(adopted.Metadata!.OwnerReferences!, o => o.Uid == deployment.Metadata!.Uid && o.Controller == true);
        Assert.Equal(0, adopted.Spec!.Replicas);
        await WaitUntilAsync(async () => (await _client.ListAsync<Pod>("default")).Items.All(p => PodState.ControllerOf(p)?.Name != "legacy"));
    }

    [Fact]
    public async Task Binding_sets_the_node_once_and_a_second_binding_conflicts()
    {
        // schedulerName keeps the in-process scheduler away from this pod.
        await _client.CreateAsync(new Pod
        {
            Metadata = new ObjectMeta { Name = "manual", Namespace = "default" },
            Spec = new PodSpec { SchedulerName = "manual", Containers = [new Container { Name = "c", Image = "nginx" }] },
        });
        var binding = new Binding { Metadata = new ObjectMeta { Name = "manual", Namespace = "default" }, Target = new ObjectReference { Kind = "Node", Name = "node-1" } };

        await _client.RequestAsync<Status>(HttpMethod.Post, "/api/v1/namespaces/default/bindings", binding);

        var bound = await _client.GetAsync<Pod>("manual", "default");
        Assert.Equal("node-1", bound.Spec!.NodeName);
        Assert.Contains(bound.Status!.Conditions!, c => c.Type == "PodScheduled" && c.Status == "True");
        var conflict = await Assert.ThrowsAsync<KubernetesApiException>(() => _client.CreateSubresourceAsync<Pod, Status>("manual", "binding", binding, "default"));
        Assert.True(conflict.IsConflict);
        Assert.Contains("is already assigned to node \"node-1\"", conflict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Job_runs_its_completions_and_reports_complete()
    {
        var job = new Job
        {
            Metadata = new ObjectMeta { Name = "pi", Namespace = "default" },
            Spec = new JobSpec
            {
                Completions = 3,
                Parallelism = 2,
                Template = new PodTemplateSpec { Spec = new PodSpec { RestartPolicy = "Never", Containers = [new Container { Name = "pi", Image = "perl" }] } },
            },
        };
        await _client.CreateAsync(job);

        Job done = null!;
        await WaitUntilAsync(async () => (done = await _client.GetAsync<Job>("pi", "default")).Status?.Conditions?.Any(c => c.Type == "Complete" && c.Status == "True") == true);

        Assert.Equal(3, done.Status!.Succeeded);
        Assert.Equal(0, done.Status.Active);
        Assert.NotNull(done.Status.CompletionTime);
        var pods = (await _client.ListAsync<Pod>("default")).Items.Where(p => p.Metadata!.Labels?.GetValueOrDefault("job-name") == "pi").ToList();
        Assert.Equal(3, pods.Count);
        Assert.All(pods, p => Assert.Equal("Succeeded", p.Status!.Phase));
    }

    [Fact]
    public async Task DaemonSet_runs_one_pod_on_the_node_and_records_a_revision()
    {
        await _client.CreateAsync(new DaemonSet
        {
            Metadata = new ObjectMeta { Name = "agent", Namespace = "default" },
            Spec = new DaemonSetSpec
            {
                Selector = new LabelSelector { MatchLabels = new() { ["app"] = "agent" } },
                Template = new PodTemplateSpec
                {
                    Metadata = new ObjectMeta { Labels = new() { ["app"] = "agent" } },
                    Spec = new PodSpec { Containers = [new Container { Name = "agent", Image = "busybox" }] },
                },
            },
        });

        DaemonSet ds = null!;
        await WaitUntilAsync(async () => (ds = await _client.GetAsync<DaemonSet>("agent", "default")).Status is { DesiredNumberScheduled: 1, NumberAvailable: 1, UpdatedNumberScheduled: 1 });

        var pod = Assert.Single((await _client.ListAsync<Pod>("default")).Items, p => p.Metadata!.Labels?.GetValueOrDefault("app") == "agent");
        Assert.Equal("node-1", pod.Spec!.NodeName);
        var revision = Assert.Single((await _client.ListAsync<ControllerRevision>("default")).Items);
        Assert.Equal(1, revision.Revision);
        Assert.Equal(revision.Metadata!.Name, $"agent-{pod.Metadata!.Labels!["controller-revision-hash"]}");
    }

    [Fact]
    public async Task StatefulSet_creates_its_ordered_pods_with_stable_names()
    {
        await _client.CreateAsync(new StatefulSet
        {
            Metadata = new ObjectMeta { Name = "db", Namespace = "default" },
            Spec = new StatefulSetSpec
            {
                Replicas = 2,
                ServiceName = "db",
                Selector = new LabelSelector { MatchLabels = new() { ["app"] = "db" } },
                Template = new PodTemplateSpec
                {
                    Metadata = new ObjectMeta { Labels = new() { ["app"] = "db" } },
                    Spec = new PodSpec { Containers = [new Container { Name = "db", Image = "postgres" }] },
                },
            },
        });

        StatefulSet set = null!;
        await WaitUntilAsync(async () => (set = await _client.GetAsync<StatefulSet>("db", "default")).Status is { ReadyReplicas: 2, Replicas: 2 });

        var pods = (await _client.ListAsync<Pod>("default")).Items.Where(p => p.Metadata!.Labels?.GetValueOrDefault("app") == "db").OrderBy(p => p.Metadata!.Name, StringComparer.Ordinal).ToList();
        Assert.Equal(["db-0", "db-1"], pods.Select(p => p.Metadata!.Name));
        Assert.All(pods, p => Assert.Equal("db", p.Spec!.Subdomain));
        Assert.Equal(set.Status!.UpdateRevision, set.Status.CurrentRevision);
        Assert.All(pods, p => Assert.Equal(set.Status.UpdateRevision, p.Metadata!.Labels!["controller-revision-hash"]));
    }

    private const string DeploymentRevisionAnnotation = "deployment.kubernetes.io/revision";

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!await condition())
        {
            await Task.Delay(200, timeout.Token);
        }
    }
}
