namespace KubeSharp.E2E;

/// <summary>
/// The seeds' container design patterns, run from examples/ with the real kubectl on a cluster with a real
/// node: sidecar, ambassador (Redis Sentinel), adapter, the guestbook, work queue, scatter/gather and
/// leader election. Each test works in a namespace of its own.
/// </summary>
[Collection(RealNodeCollection.Name)]
public sealed class SeedExamplesTests : IClassFixture<SeedExamplesCluster>
{
    private static readonly string Examples = SeedExamplesCluster.Examples;
    private readonly ClusterFixture _cluster;

    public SeedExamplesTests(SeedExamplesCluster cluster) => _cluster = cluster.Cluster;

    private static bool CanRunPods => SeedExamplesCluster.CanRunPods;

    [Fact]
    public async Task Sidecars_share_an_empty_dir_with_nginx_both_ways()
    {
        if (!CanRunPods)
        {
            return;
        }

        var ns = await NamespaceAsync("sidecar");
        await Ok("apply", "-n", ns, "-f", Path.Combine(Examples, "sidecar"));
        await Ok("wait", "-n", ns, "--for=condition=Ready", "pod/web-with-syncer", "pod/web-with-log-collector", "--timeout=90s");

        var served = await EventuallyAsync(() => PodShellAsync(ns, "web-with-syncer", "content-syncer", "wget -qO- http://127.0.0.1/"), s => s.Contains("synced at", StringComparison.Ordinal));
        Assert.Contains("Hello from the content repository", served, StringComparison.Ordinal);

        var ip = (await Ok("get", "pod", "-n", ns, "web-with-log-collector", "-o", "jsonpath={.status.podIP}")).Trim();
        await PodShellAsync(ns, "web-with-syncer", "content-syncer", $"wget -qO- http://{ip}/seed-sidecar-probe || true");
        var collected = await EventuallyAsync(() => Ok("logs", "-n", ns, "web-with-log-collector", "-c", "log-collector"), s => s.Contains("GET /seed-sidecar-probe", StringComparison.Ordinal));
        Assert.Contains("404", collected, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_guestbook_stores_through_the_master_and_reads_through_the_replicas()
    {
        if (!CanRunPods)
        {
            return;
        }

        var ns = await NamespaceAsync("guestbook");
        var dir = Path.Combine(Examples, "guestbook");
        foreach (var file in new[] { "redis-master-controller.json", "redis-master-service.json", "redis-slave-controller.json", "redis-slave-service.json", "frontend-configmap.yaml", "frontend-controller.json", "frontend-service.json" })
        {
            await Ok("create", "-n", ns, "-f", Path.Combine(dir, file));
        }

        var rc = await Ok("get", "rc", "-n", ns);
        Assert.StartsWith("NAME           DESIRED   CURRENT   READY   AGE", rc, StringComparison.Ordinal);
        await Ok("wait", "-n", ns, "--for=condition=Ready", "pod", "-l", "name in (redis-master,redis-slave,frontend)", "--timeout=120s");
        Assert.Contains("redis-slave", await Ok("get", "services", "-n", ns, "-l", "name=redis-slave"), StringComparison.Ordinal);
        var nodePort = (await Ok("get", "service", "frontend", "-n", ns, "-o", "jsonpath={.spec.ports[0].nodePort}")).Trim();

        var set = await CurlAsync($"http://127.0.0.1:{nodePort}/index.php?cmd=set&key=messages&value=hello%2C%20seed%20003");
        Assert.Equal("{\"message\": \"Updated\"}", set.Trim());
        var get = await EventuallyAsync(() => CurlAsync($"http://127.0.0.1:{nodePort}/index.php?cmd=get&key=messages"), s => s.Contains("hello", StringComparison.Ordinal));
        Assert.Equal("{\"data\": \"hello, seed 003\"}", get.Trim());

        // A replication controller replaces a deleted pod.
        var master = (await Ok("get", "pods", "-n", ns, "-l", "name=redis-master", "-o", "jsonpath={.items[0].metadata.name}")).Trim();
        await Ok("delete", "pod", "-n", ns, master, "--wait=false");
        await EventuallyAsync(() => Ok("get", "pods", "-n", ns, "-l", "name=redis-master", "-o", "jsonpath={range .items[*]}{.metadata.name} {.status.phase}{\"\\n\"}{end}"),
            s => s.Split('\n').Any(l => l.EndsWith(" Running", StringComparison.Ordinal) && !l.StartsWith(master, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_write_ambassador_follows_the_master_that_redis_sentinel_elects()
    {
        if (!CanRunPods)
        {
            return;
        }

        var ns = await NamespaceAsync("ambassador");
        var dir = Path.Combine(Examples, "ambassador");
        await Ok("create", "-n", ns, "-f", Path.Combine(dir, "redis-scripts.yaml"), "-f", Path.Combine(dir, "redis-master.yaml"));
        await Ok("create", "-n", ns, "-f", Path.Combine(dir, "redis-controller.yaml"));
        await Ok("create", "-n", ns, "-f", Path.Combine(dir, "redis-sentinel-service.yaml"), "-f", Path.Combine(dir, "redis-sentinel-controller.yaml"), "-f", Path.Combine(dir, "redis-service.yaml"));
        await Ok("wait", "-n", ns, "--for=condition=Ready", "pod/redis-master", "--timeout=90s");
        await Ok("scale", "-n", ns, "rc", "redis", "--replicas=3");
        await Ok("scale", "-n", ns, "rc", "redis-sentinel", "--replicas=3");
        await Ok("create", "-n", ns, "-f", Path.Combine(dir, "haproxy-ambassador.yaml"));
        await Ok("wait", "-n", ns, "--for=condition=Ready", "pod", "--all", "--timeout=120s");

        // Writes through localhost:16379 always reach the master; reads through localhost:6379 reach any pod.
        await EventuallyAsync(() => Cli(ns, "-p 16379 set greeting hello"), s => s.Trim() == "OK");
        await EventuallyAsync(() => Cli(ns, "-p 6379 get greeting"), s => s.Trim() == "hello");

        var before = await SentinelMasterAsync(ns);
        await Ok("delete", "pods", "-n", ns, "redis-master");
        var after = await EventuallyAsync(() => SentinelMasterAsync(ns), s => s.Length > 0 && s != before, TimeSpan.FromSeconds(120));
        Assert.NotEqual(before, after);
        await EventuallyAsync(() => Cli(ns, "-p 16379 set greeting again"), s => s.Trim() == "OK", TimeSpan.FromSeconds(60));
        Assert.Equal(3, (await Ok("get", "pods", "-n", ns, "-l", "name=redis", "-o", "name")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task The_adapter_exposes_redis_state_in_the_prometheus_format()
    {
        if (!CanRunPods)
        {
            return;
        }

        var ns = await NamespaceAsync("adapter");
        await Ok("apply", "-n", ns, "-f", Path.Combine(Examples, "adapter"));
        await Ok("wait", "-n", ns, "--for=condition=Ready", "pod/redis-with-exporter", "--timeout=90s");
        await Ok("exec", "-n", ns, "redis-with-exporter", "-c", "redis", "--", "redis-cli", "set", "k", "v");
        var ip = (await Ok("get", "pod", "-n", ns, "redis-with-exporter", "-o", "jsonpath={.status.podIP}")).Trim();

        var metrics = await CurlAsync($"http://{ip}:9121/metrics");

        Assert.Contains("redis_up 1\n", metrics, StringComparison.Ordinal);
        Assert.Contains("# TYPE redis_connected_clients gauge", metrics, StringComparison.Ordinal);
        Assert.Contains("redis_db_keys{db=\"db0\"} 1", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Work_queue_workers_take_every_task_once_and_the_job_completes()
    {
        if (!CanRunPods)
        {
            return;
        }

        var ns = await NamespaceAsync("work-queue");
        var dir = Path.Combine(Examples, "work-queue");
        await Ok("apply", "-n", ns, "-f", Path.Combine(dir, "queue.yaml"));
        await Ok("rollout", "status", "-n", ns, "deployment/queue", "--timeout=90s");
        await Ok("apply", "-n", ns, "-f", Path.Combine(dir, "fill-queue.yaml"));
        await Ok("wait", "-n", ns, "--for=condition=complete", "job/fill-queue", "--timeout=90s");
        await Ok("apply", "-n", ns, "-f", Path.Combine(dir, "worker-job.yaml"));
        await Ok("wait", "-n", ns, "--for=condition=complete", "job/queue-workers", "--timeout=120s");

        var done = (await Ok("exec", "-n", ns, "deploy/queue", "--", "redis-cli", "lrange", "done", "0", "-1")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(12, done.Length);
        Assert.Equal(12, done.Select(d => d.Split(" by ")[0]).Distinct().Count());
        var jobs = await Ok("get", "job", "-n", ns, "queue-workers");
        Assert.Contains("Complete   3/1 of 3", jobs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scatter_gather_root_merges_the_answers_of_every_leaf()
    {
        if (!CanRunPods)
        {
            return;
        }

        var ns = await NamespaceAsync("scatter-gather");
        await Ok("apply", "-n", ns, "-f", Path.Combine(Examples, "scatter-gather"));
        await Ok("rollout", "status", "-n", ns, "statefulset/leaf", "--timeout=90s");
        await Ok("rollout", "status", "-n", ns, "deployment/root", "--timeout=90s");

        var answer = await EventuallyAsync(
            () => Ok("exec", "-n", ns, "deploy/root", "--", "wget", "-qO-", "http://root/cgi-bin/search?word=the"),
            s => s.Contains("\"total\": 12", StringComparison.Ordinal));

        Assert.Contains("{\"shard\": 0, \"count\": 4}", answer, StringComparison.Ordinal);
        Assert.Contains("{\"shard\": 1, \"count\": 4}", answer, StringComparison.Ordinal);
        Assert.Contains("{\"shard\": 2, \"count\": 4}", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_replica_leads_through_a_lease_and_another_takes_over_when_it_goes()
    {
        if (!CanRunPods)
        {
            return;
        }

        var ns = await NamespaceAsync("leader-election");
        await Ok("apply", "-n", ns, "-f", Path.Combine(Examples, "leader-election"));
        await Ok("rollout", "status", "-n", ns, "deployment/elected-app", "--timeout=120s");

        // Electors in pods reach the API server through the kubernetes Service with their service account.
        var leader = await EventuallyAsync(() => Ok("get", "lease", "-n", ns, "elected-app", "-o", "jsonpath={.spec.holderIdentity}"), s => s.Trim().Length > 0, TimeSpan.FromSeconds(60));
        leader = leader.Trim();
        var pods = (await Ok("get", "pods", "-n", ns, "-l", "app=elected-app", "-o", "jsonpath={.items[*].metadata.name}")).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(leader, pods);
        foreach (var pod in pods)
        {
            var seen = await EventuallyAsync(() => Ok("exec", "-n", ns, pod, "-c", "app", "--", "wget", "-qO-", "http://127.0.0.1:4040/"), s => s.Contains(leader, StringComparison.Ordinal));
            Assert.Equal($"{{\"name\": \"{leader}\"}}", seen.Trim());
        }

        await Ok("delete", "pod", "-n", ns, leader, "--wait=false");
        var next = await EventuallyAsync(() => Ok("get", "lease", "-n", ns, "elected-app", "-o", "jsonpath={.spec.holderIdentity}"), s => s.Trim().Length > 0 && s.Trim() != leader, TimeSpan.FromSeconds(90));
        Assert.NotEqual(leader, next.Trim());
        Assert.Equal("1", (await Ok("get", "lease", "-n", ns, "elected-app", "-o", "jsonpath={.spec.leaseTransitions}")).Trim());
    }

    [Fact]
    public async Task An_operator_turns_a_custom_resource_into_a_running_website_and_follows_its_changes()
    {
        if (!CanRunPods)
        {
            return;
        }

        var ns = await NamespaceAsync("operator");
        var dir = Path.Combine(Examples, "operator");
        await Ok("apply", "-f", Path.Combine(dir, "website-crd.yaml"));
        await Ok("wait", "--for=condition=established", "crd/websites.examples.kubesharp.io", "--timeout=60s");
        await Ok("apply", "-n", ns, "-f", Path.Combine(dir, "website-operator.yaml"));
        await Ok("apply", "-n", ns, "-f", Path.Combine(dir, "hello-website.yaml"));

        await EventuallyAsync(() => Ok("get", "websites", "-n", ns), s => s.Contains("hello   2          2", StringComparison.Ordinal), TimeSpan.FromSeconds(120));
        var ip = (await Ok("get", "pods", "-n", ns, "-l", "website=hello", "-o", "jsonpath={.items[0].status.podIP}")).Trim();
        Assert.Contains("Hello from a custom resource", await CurlAsync($"http://{ip}/"), StringComparison.Ordinal);

        // The scale subresource reaches the operator, which scales the Deployment it owns.
        await Ok("scale", "-n", ns, "website/hello", "--replicas=1");
        await EventuallyAsync(() => Ok("get", "deployment", "hello", "-n", ns, "-o", "jsonpath={.spec.replicas}"), s => s.Trim() == "1");

        // Deleting the Website deletes what the operator made for it (ownerReferences).
        await Ok("delete", "-n", ns, "website", "hello");
        await EventuallyAsync(() => Ok("get", "deployments,configmaps", "-n", ns, "-l", "website=hello", "-o", "name"), s => s.Trim().Length == 0);
        await EventuallyAsync(() => Ok("get", "deployment", "-n", ns, "-o", "name"), s => !s.Contains("deployment.apps/hello", StringComparison.Ordinal));
        await Ok("delete", "-f", Path.Combine(dir, "website-crd.yaml"));
    }

    private async Task<string> NamespaceAsync(string name)
    {
        await Ok("create", "namespace", name);
        await Ok("label", "namespace", name, "e2e=seed-examples");
        return name;
    }

    private Task<string> PodShellAsync(string ns, string pod, string container, string script) =>
        Ok("exec", "-n", ns, pod, "-c", container, "--", "sh", "-c", script);

    private Task<string> Cli(string ns, string args) =>
        PodShellAsync(ns, "demo-redis-amb", "app", "redis-cli " + args);

    private async Task<string> SentinelMasterAsync(string ns) =>
        (await Cli(ns, "-h redis-sentinel -p 26379 sentinel get-master-addr-by-name mymaster | head -n 1")).Trim();

    private async Task<string> CurlAsync(string url)
    {
        var r = await _cluster.RunAsync("curl", ["-sS", "--max-time", "10", url], null, TimeSpan.FromSeconds(20));
        Assert.True(r.ExitCode == 0, $"curl {url}: {r}");
        return r.Stdout;
    }

    private static async Task<string> EventuallyAsync(Func<Task<string>> read, Func<string, bool> done, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(45));
        var last = "";
        while (true)
        {
            try
            {
                last = await read();
                if (done(last))
                {
                    return last;
                }
            }
            catch (Xunit.Sdk.XunitException) when (DateTime.UtcNow < deadline)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"condition not reached in time; last answer:\n{last}");
            }

            await Task.Delay(1000);
        }
    }

    private async Task<string> Ok(params string[] args)
    {
        var r = await _cluster.RunAsync("kubectl", args, null, TimeSpan.FromMinutes(3));
        Assert.True(r.ExitCode == 0, $"kubectl {string.Join(' ', args)} failed: {r}");
        return r.Stdout;
    }
}

/// <summary>One cluster with a real node and every offline image, shared by the seed examples' tests.</summary>
public sealed class SeedExamplesCluster : IAsyncLifetime
{
    internal static readonly string Examples = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "examples"));

    internal static bool CanRunPods => Environment.UserName == "root" && File.Exists("/usr/bin/containerd");

    public ClusterFixture Cluster { get; } = new(withAgent: true);

    public async Task InitializeAsync()
    {
        if (!CanRunPods)
        {
            return;
        }

        var images = Path.Combine(Cluster.DataDir, "agent", "images");
        Directory.CreateDirectory(images);
        var script = Path.GetFullPath(Path.Combine(Examples, "..", "images", "build.sh"));
        // Downloaded .debs are kept where the README's run command keeps them, so runs after the first are offline.
        var built = await Cluster.RunAsync(
            "env",
            ["KUBESHARP_IMAGE_DEB_CACHE=/var/cache/kubesharp/debs", "bash", script, images, "pause", "busybox", "nginx", "redis", "haproxy", "kubectl"],
            null,
            TimeSpan.FromMinutes(5));
        Assert.True(built.ExitCode == 0, built.ToString());
        await Cluster.InitializeAsync();
        for (var i = 0; i < 120 && (await Cluster.KubectlAsync("get", "node", Cluster.NodeName)).ExitCode != 0; i++)
        {
            await Task.Delay(500);
        }

        var ready = await Cluster.KubectlAsync("wait", "--for=condition=Ready", $"node/{Cluster.NodeName}", "--timeout=90s");
        Assert.True(ready.ExitCode == 0, ready.ToString());
    }

    public async Task DisposeAsync()
    {
        if (CanRunPods && File.Exists(Cluster.Kubeconfig))
        {
            // Remove every example's pods while the agent runs, so no container outlives the tests.
            await Cluster.RunAsync("kubectl", ["delete", "namespace", "-l", "e2e=seed-examples", "--wait=true", "--timeout=90s"], null, TimeSpan.FromMinutes(2));
        }

        await Cluster.DisposeAsync();
    }
}
