using KubeSharp.Api;
using KubeSharp.Api.Apps.V1;
using KubeSharp.Api.Batch.V1;
using KubeSharp.Api.Core.V1;
using KubeSharp.Client;
using static KubeSharp.Controllers.Tests.InProcessCluster;

namespace KubeSharp.Controllers.Tests;

/// <summary>
/// The guarantees Kubernetes' workload controllers give, checked against every pod event the API
/// server sends while the controllers, scheduler and a simulated kubelet work in this process.
/// </summary>
public sealed class ControllerConformanceTests : IAsyncLifetime
{
    private InProcessCluster _cluster = null!;

    private KubernetesClient Client => _cluster.Client;

    public async Task InitializeAsync() => _cluster = await StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private static bool IsLive(Pod pod) => PodState.IsActive(pod);

    private static PodTemplateSpec Template(string app, string image, Dictionary<string, string>? annotations = null, string? restartPolicy = null) => new()
    {
        Metadata = new ObjectMeta { Labels = new() { ["app"] = app }, Annotations = annotations },
        Spec = new PodSpec { RestartPolicy = restartPolicy, Containers = [new Container { Name = app, Image = image }] },
    };

    private static Deployment Web(int replicas, DeploymentStrategy strategy) => new()
    {
        Metadata = new ObjectMeta { Name = "web", Namespace = "default" },
        Spec = new DeploymentSpec
        {
            Replicas = replicas,
            Strategy = strategy,
            Selector = new LabelSelector { MatchLabels = new() { ["app"] = "web" } },
            Template = Template("web", "nginx:1"),
        },
    };

    private async Task WaitForRolloutAsync(int replicas, string revision) => await WaitUntilAsync(async () =>
    {
        var d = await Client.GetAsync<Deployment>("web", "default");
        var pods = (await Client.ListAsync<Pod>("default", new ListOptions { LabelSelector = "app=web" })).Items;
        return d.Status is { } s && s.ObservedGeneration >= d.Metadata!.Generation && s.UpdatedReplicas == replicas && s.Replicas == replicas && s.AvailableReplicas == replicas
            && d.Metadata.Annotations?.GetValueOrDefault("deployment.kubernetes.io/revision") == revision
            && pods.Count == replicas && pods.Select(p => p.Metadata!.Labels!["pod-template-hash"]).Distinct().Count() == 1;
    });

    private async Task ChangeImageAsync(string image)
    {
        var deployment = await Client.GetAsync<Deployment>("web", "default");
        deployment.Spec!.Template!.Spec!.Containers![0].Image = image;
        await Client.UpdateAsync(deployment);
    }

    [Fact]
    public async Task Rolling_update_never_exceeds_replicas_plus_max_surge_nor_falls_below_replicas_minus_max_unavailable()
    {
        await Client.CreateAsync(Web(4, new DeploymentStrategy { Type = "RollingUpdate", RollingUpdate = new RollingUpdateDeployment { MaxSurge = 1, MaxUnavailable = 1 } }));
        await WaitForRolloutAsync(4, "1");

        var observer = await PodObserver.StartAsync(Client, "default", pods =>
        {
            var live = pods.Where(IsLive).ToList();
            var available = live.Count(PodState.IsReady);
            return live.Count > 5 ? $"{live.Count} pods exist" : available < 3 ? $"only {available} pods available" : null;
        });
        await using (observer)
        {
            await ChangeImageAsync("nginx:2");
            await WaitForRolloutAsync(4, "2");
        }

        Assert.Empty(observer.Violations);
        Assert.Equal(4, observer.Events.Count(e => e.Type == WatchEventType.Added));
    }

    [Fact]
    public async Task Recreate_removes_every_old_pod_before_it_creates_a_new_one()
    {
        await Client.CreateAsync(Web(3, new DeploymentStrategy { Type = "Recreate" }));
        await WaitForRolloutAsync(3, "1");

        var observer = await PodObserver.StartAsync(Client, "default", pods =>
            pods.Select(p => p.Metadata!.Labels!["pod-template-hash"]).Distinct().Count() > 1 ? "old and new pods exist together" : null);
        await using (observer)
        {
            await ChangeImageAsync("nginx:2");
            await WaitForRolloutAsync(3, "2");
        }

        Assert.Empty(observer.Violations);
        Assert.Equal(3, observer.Events.Count(e => e.Type == WatchEventType.Added));
    }

    [Fact]
    public async Task OrderedReady_stateful_set_starts_each_pod_after_its_predecessor_is_ready_and_stops_them_in_reverse()
    {
        var observer = await PodObserver.StartAsync(Client, "default");
        await using (observer)
        {
            await Client.CreateAsync(new StatefulSet
            {
                Metadata = new ObjectMeta { Name = "db", Namespace = "default" },
                Spec = new StatefulSetSpec
                {
                    Replicas = 3,
                    ServiceName = "db",
                    Selector = new LabelSelector { MatchLabels = new() { ["app"] = "db" } },
                    Template = Template("db", "postgres"),
                },
            });
            await WaitUntilAsync(async () => (await Client.GetAsync<StatefulSet>("db", "default")).Status is { ReadyReplicas: 3 });

            var set = await Client.GetAsync<StatefulSet>("db", "default");
            set.Spec!.Replicas = 0;
            await Client.UpdateAsync(set);
            await WaitUntilAsync(async () => (await Client.ListAsync<Pod>("default")).Items.Count == 0);
        }

        var events = observer.Events;
        var added = events.Where(e => e.Type == WatchEventType.Added).ToList();
        Assert.Equal(["db-0", "db-1", "db-2"], added.Select(e => e.Pod.Metadata!.Name));
        foreach (var (_, pod, before) in added.Skip(1))
        {
            var predecessor = $"db-{int.Parse(pod.Metadata!.Name![3..], System.Globalization.CultureInfo.InvariantCulture) - 1}";
            Assert.Contains(before, p => p.Metadata!.Name == predecessor && p.Status?.Phase == "Running" && PodState.IsReady(p));
        }

        var stops = events.Where(e => e.Type == WatchEventType.Deleted || e.Pod.Metadata!.DeletionTimestamp is not null)
            .DistinctBy(e => e.Pod.Metadata!.Name).ToList();
        Assert.Equal(["db-2", "db-1", "db-0"], stops.Select(e => e.Pod.Metadata!.Name));
        foreach (var (_, pod, before) in stops.Skip(1))
        {
            var successor = $"db-{int.Parse(pod.Metadata!.Name![3..], System.Globalization.CultureInfo.InvariantCulture) + 1}";
            Assert.DoesNotContain(before, p => p.Metadata!.Name == successor);
        }
    }

    private static Job FailingJob(int exitCode, int backoffLimit, PodFailurePolicy? policy = null) => new()
    {
        Metadata = new ObjectMeta { Name = "pi", Namespace = "default" },
        Spec = new JobSpec
        {
            Completions = 1,
            BackoffLimit = backoffLimit,
            PodFailurePolicy = policy,
            Template = Template("pi", "perl", new() { [SimulatedKubelet.ExitCodeAnnotation] = exitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "Never"),
        },
    };

    private async Task<Job> WaitForJobConditionAsync(string type)
    {
        Job job = null!;
        await WaitUntilAsync(async () => (job = await Client.GetAsync<Job>("pi", "default")).Status?.Conditions?.Any(c => c.Type == type && c.Status == "True") == true);
        return job;
    }

    [Fact]
    public async Task Job_retries_failed_pods_until_backoff_limit_then_fails()
    {
        await Client.CreateAsync(FailingJob(exitCode: 1, backoffLimit: 1));

        var job = await WaitForJobConditionAsync("Failed");

        Assert.Equal(2, job.Status!.Failed);
        Assert.Contains(job.Status.Conditions!, c => c is { Type: "FailureTarget", Reason: "BackoffLimitExceeded" });
        Assert.Contains(job.Status.Conditions!, c => c is { Type: "Failed", Reason: "BackoffLimitExceeded", Message: "Job has reached the specified backoff limit" });
        var pods = (await Client.ListAsync<Pod>("default", new ListOptions { LabelSelector = "job-name=pi" })).Items;
        Assert.Equal(2, pods.Count);
        Assert.All(pods, p => Assert.Equal("Failed", p.Status!.Phase));
    }

    [Fact]
    public async Task Job_fails_at_once_when_a_pod_exit_code_matches_a_FailJob_rule()
    {
        var policy = new PodFailurePolicy
        {
            Rules = [new PodFailurePolicyRule { Action = "FailJob", OnExitCodes = new PodFailurePolicyOnExitCodesRequirement { ContainerName = "pi", Operator = "In", Values = [42] } }],
        };
        await Client.CreateAsync(FailingJob(exitCode: 42, backoffLimit: 6, policy));

        var job = await WaitForJobConditionAsync("Failed");

        var pod = Assert.Single((await Client.ListAsync<Pod>("default", new ListOptions { LabelSelector = "job-name=pi" })).Items);
        var failed = job.Status!.Conditions!.Single(c => c.Type == "Failed");
        Assert.Equal("PodFailurePolicy", failed.Reason);
        Assert.Equal($"Container pi for pod default/{pod.Metadata!.Name} failed with exit code 42 matching FailJob rule at index 0", failed.Message);
    }

    [Fact]
    public async Task Forbid_cron_job_skips_a_due_run_while_its_job_still_runs()
    {
        await Client.CreateAsync(new CronJob
        {
            Metadata = new ObjectMeta { Name = "tick", Namespace = "default" },
            Spec = new CronJobSpec
            {
                Schedule = "* * * * *",
                ConcurrencyPolicy = "Forbid",
                JobTemplate = new JobTemplateSpec { Spec = new JobSpec { Template = Template("tick", "busybox", new() { [SimulatedKubelet.KeepRunningAnnotation] = "true" }, "Never") } },
            },
        });

        // A missed schedule makes a run due at once; the second one comes while the first Job runs.
        await MakeRunDueAsync();
        await WaitUntilAsync(async () => (await Client.ListAsync<Job>("default")).Items.Count == 1);
        await WaitUntilAsync(async () =>
        {
            await MakeRunDueAsync();
            return (await Client.ListAsync<Event>("default")).Items.Any(e => e.Reason == "JobAlreadyActive" && e.InvolvedObject?.Name == "tick");
        });

        Assert.Single((await Client.ListAsync<Job>("default")).Items);
    }

    private async Task MakeRunDueAsync()
    {
        var cronJob = await Client.GetAsync<CronJob>("tick", "default");
        (cronJob.Status ??= new CronJobStatus()).LastScheduleTime = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddMinutes(-3).ToUnixTimeSeconds());
        try
        {
            await Client.UpdateStatusAsync(cronJob);
        }
        catch (KubernetesApiException e) when (e.IsConflict)
        {
        }
    }

    [Fact]
    public async Task Replication_controller_replaces_a_deleted_pod()
    {
        await Client.CreateAsync(new ReplicationController
        {
            Metadata = new ObjectMeta { Name = "redis-master", Namespace = "default" },
            Spec = new ReplicationControllerSpec { Replicas = 2, Selector = new() { ["app"] = "redis" }, Template = Template("redis", "redis") },
        });
        List<Pod> pods = [];
        await WaitUntilAsync(async () => (pods = (await Client.ListAsync<Pod>("default")).Items.Where(p => PodState.IsReady(p)).ToList()).Count == 2);

        var victim = pods[0].Metadata!.Name!;
        await Client.DeleteAsync<Pod>(victim, "default");

        await WaitUntilAsync(async () =>
        {
            var now = (await Client.ListAsync<Pod>("default")).Items;
            return now.Count(p => IsLive(p) && PodState.IsReady(p)) == 2 && now.All(p => p.Metadata!.Name != victim)
                && (await Client.GetAsync<ReplicationController>("redis-master", "default")).Status is { ReadyReplicas: 2, Replicas: 2 };
        });
        var replaced = (await Client.ListAsync<Pod>("default")).Items;
        Assert.All(replaced, p => Assert.StartsWith("redis-master-", p.Metadata!.Name, StringComparison.Ordinal));
    }
}
