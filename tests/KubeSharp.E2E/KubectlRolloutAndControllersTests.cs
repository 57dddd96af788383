namespace KubeSharp.E2E;

/// <summary>
/// The workload controllers driven by the real kubectl with real pods in containerd on the
/// server's own node: rollout status/history/undo/pause/resume/restart, a ReplicationController
/// from a JSON manifest, a StatefulSet whose claim the local-path provisioner binds (data outlives
/// the pod), a DaemonSet, Jobs and CronJobs, and a
/// drain that respects a PodDisruptionBudget. Needs root and containerd, like <see cref="RealPodsTests"/>.
/// </summary>
[Collection(RealNodeCollection.Name)]
public sealed class KubectlRolloutAndControllersTests : IAsyncLifetime
{
    private static bool CanRunPods => Environment.UserName == "root" && File.Exists("/usr/bin/containerd");

    private readonly ClusterFixture _cluster = new(withAgent: true);

    public async Task InitializeAsync()
    {
        if (!CanRunPods)
        {
            return;
        }

        var images = Path.Combine(_cluster.DataDir, "agent", "images");
        Directory.CreateDirectory(images);
        var script = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "images", "build.sh"));
        var built = await _cluster.RunAsync("bash", [script, images, "pause", "busybox"], null, TimeSpan.FromMinutes(3));
        Assert.True(built.ExitCode == 0, built.ToString());
        await _cluster.InitializeAsync();
        for (var i = 0; i < 120 && (await _cluster.KubectlAsync("get", "node", _cluster.NodeName)).ExitCode != 0; i++)
        {
            await Task.Delay(500);
        }

        await Ok("wait", "--for=condition=Ready", $"node/{_cluster.NodeName}", "--timeout=60s");
    }

    public async Task DisposeAsync()
    {
        if (File.Exists(_cluster.Kubeconfig))
        {
            // Remove the pods while the agent runs, so no container outlives the test.
            await _cluster.KubectlAsync("delete", "deployments,replicationcontrollers,statefulsets,daemonsets,jobs,cronjobs", "--all", "--wait=true", "--timeout=60s");
            await _cluster.RunAsync("kubectl", ["delete", "pods", "--all", "--grace-period=0", "--force"], null, TimeSpan.FromSeconds(60));
            await _cluster.RunAsync("kubectl", ["wait", "--for=delete", "pods", "--all", "--timeout=60s"], null, TimeSpan.FromSeconds(90));
        }

        await _cluster.DisposeAsync();
    }

    private async Task<string> Ok(params string[] args)
    {
        var r = await _cluster.RunAsync("kubectl", args, null, TimeSpan.FromSeconds(150));
        Assert.True(r.ExitCode == 0, $"kubectl {string.Join(' ', args)} failed: {r}\nserver log:\n{_cluster.ServerLog}");
        return r.Stdout;
    }

    private const string Sleeper = "trap 'exit 0' TERM; sleep 3600 & wait";

    private async Task WaitForAsync(string what, string jsonpath, string expected)
    {
        await Ok("wait", $"--for=jsonpath={jsonpath}={expected}", what, "--timeout=90s");
    }

    [Fact]
    public async Task Rollout_commands_print_kubernetes_texts_and_undo_restores_the_previous_template()
    {
        if (!CanRunPods)
        {
            return;
        }

        await Ok("create", "deployment", "nginx", "--image=busybox:1.36", "--replicas=3", "--", "sh", "-c", Sleeper);
        var status = await Ok("rollout", "status", "deployment/nginx", "--timeout=120s");
        Assert.EndsWith("deployment \"nginx\" successfully rolled out\n", status, StringComparison.Ordinal);

        await Ok("set", "image", "deployment/nginx", "busybox=busybox:1.35");
        await Ok("annotate", "deployment/nginx", "kubernetes.io/change-cause=busybox 1.35");
        status = await Ok("rollout", "status", "deployment/nginx", "--timeout=120s");
        Assert.Matches("Waiting for deployment \"nginx\" rollout to finish: \\d out of 3 new replicas have been updated\\.\\.\\.\n", status);
        Assert.EndsWith("deployment \"nginx\" successfully rolled out\n", status, StringComparison.Ordinal);
        Assert.Matches("REVISION\\s+CHANGE-CAUSE\n1\\s+<none>\n2\\s+busybox 1.35\n", await Ok("rollout", "history", "deployment/nginx"));

        Assert.Equal("deployment.apps/nginx rolled back\n", await Ok("rollout", "undo", "deployment/nginx"));
        await Ok("rollout", "status", "deployment/nginx", "--timeout=120s");
        Assert.Equal("busybox:1.36", await Ok("get", "deployment", "nginx", "-o", "jsonpath={.spec.template.spec.containers[0].image}"));
        Assert.Matches("REVISION\\s+CHANGE-CAUSE\n2\\s+busybox 1.35\n3\\s+", await Ok("rollout", "history", "deployment/nginx"));

        Assert.Equal("deployment.apps/nginx paused\n", await Ok("rollout", "pause", "deployment/nginx"));
        await Ok("set", "image", "deployment/nginx", "busybox=busybox:1.28");
        await WaitForAsync("deployment/nginx", "{.status.conditions[?(@.type==\"Progressing\")].reason}", "DeploymentPaused");
        Assert.Equal("deployment.apps/nginx resumed\n", await Ok("rollout", "resume", "deployment/nginx"));
        Assert.EndsWith("successfully rolled out\n", await Ok("rollout", "status", "deployment/nginx", "--timeout=120s"), StringComparison.Ordinal);
        Assert.Equal("deployment.apps/nginx restarted\n", await Ok("rollout", "restart", "deployment/nginx"));
        Assert.EndsWith("successfully rolled out\n", await Ok("rollout", "status", "deployment/nginx", "--timeout=120s"), StringComparison.Ordinal);
        var pods = await Ok("get", "pods", "-l", "app=nginx", "-o", "jsonpath={range .items[*]}{.spec.containers[0].image} {.metadata.annotations.kubectl\\.kubernetes\\.io/restartedAt}{\"\\n\"}{end}");
        Assert.Equal(3, pods.Split('\n').Count(line => System.Text.RegularExpressions.Regex.IsMatch(line, "^busybox:1.28 \\d{4}-")));
    }

    private const string RedisMasterController = """
        { "kind":"ReplicationController", "apiVersion":"v1", "metadata":{ "name":"redis-master", "labels":{ "name":"redis-master" } },
          "spec":{ "replicas":1, "selector":{ "name":"redis-master" }, "template":{ "metadata":{ "labels":{ "name":"redis-master" } },
          "spec":{ "containers":[ { "name":"master", "image":"busybox", "command":["sh","-c","trap 'exit 0' TERM; sleep 3600 & wait"], "ports":[ { "containerPort":6379 } ] } ] } } } }
        """;

    private const string StatefulSetWithClaims = """
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: web}
        spec:
          serviceName: web
          replicas: 1
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
              - {name: c, image: busybox, command: [sh, -c, "trap 'exit 0' TERM; sleep 3600 & wait"], volumeMounts: [{name: data, mountPath: /data}]}
          volumeClaimTemplates:
          - metadata: {name: data}
            spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
        """;

    private const string DaemonSetManifest = """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: agent}
        spec:
          selector: {matchLabels: {app: agent}}
          template:
            metadata: {labels: {app: agent}}
            spec:
              containers: [{name: c, image: busybox, command: [sh, -c, "trap 'exit 0' TERM; sleep 3600 & wait"]}]
        """;

    [Fact]
    public async Task Replication_controller_stateful_set_daemon_set_jobs_and_a_drain_held_by_a_disruption_budget()
    {
        if (!CanRunPods)
        {
            return;
        }

        var rcFile = Path.Combine(_cluster.DataDir, "redis-master-controller.json");
        await File.WriteAllTextAsync(rcFile, RedisMasterController);
        Assert.Equal("replicationcontroller/redis-master created\n", await Ok("create", "-f", rcFile));
        await WaitForAsync("rc/redis-master", "{.status.readyReplicas}", "1");
        Assert.Equal("replicationcontroller/redis-master scaled\n", await Ok("scale", "rc", "redis-master", "--replicas=2"));
        await WaitForAsync("rc/redis-master", "{.status.readyReplicas}", "2");
        var victim = (await Ok("get", "pods", "-l", "name=redis-master", "-o", "jsonpath={.items[0].metadata.name}")).Trim();
        await Ok("delete", "pod", victim, "--wait=false");
        for (var i = 0; i < 180 && (await Ok("get", "pods", "-l", "name=redis-master", "-o", "name")).Contains(victim, StringComparison.Ordinal); i++)
        {
            await Task.Delay(500);
        }

        await WaitForAsync("rc/redis-master", "{.status.readyReplicas}", "2");

        // The claim from the template gets the default class local-path, is provisioned on the pod's node and bound;
        // a file written through it survives the pod.
        await _cluster.KubectlWithInputAsync(StatefulSetWithClaims, "apply", "-f", "-");
        for (var i = 0; i < 60 && (await _cluster.KubectlAsync("get", "pvc", "data-web-0")).ExitCode != 0; i++)
        {
            await Task.Delay(500);
        }

        await WaitForAsync("pvc/data-web-0", "{.status.phase}", "Bound");
        var claims = await Ok("get", "pvc", "data-web-0");
        Assert.Matches(@"^data-web-0\s+Bound\s+pvc-[0-9a-f-]+\s+1Gi\s+RWO\s+local-path\s", claims.Split('\n')[1]);
        var volumeName = (await Ok("get", "pvc", "data-web-0", "-o", "jsonpath={.spec.volumeName}")).Trim();
        Assert.Equal(_cluster.NodeName, (await Ok("get", "pvc", "data-web-0", "-o", "jsonpath={.metadata.annotations.volume\\.kubernetes\\.io/selected-node}")).Trim());
        var hostDirectory = (await Ok("get", "pv", volumeName, "-o", "jsonpath={.spec.hostPath.path}")).Trim();
        Assert.StartsWith(Path.Combine(_cluster.DataDir, "storage", "pvc-"), hostDirectory, StringComparison.Ordinal);
        await Ok("wait", "--for=condition=Ready", "pod/web-0", "--timeout=90s");
        await Ok("exec", "web-0", "--", "sh", "-c", "echo kept > /data/file");
        var firstUid = (await Ok("get", "pod", "web-0", "-o", "jsonpath={.metadata.uid}")).Trim();
        await Ok("delete", "pod", "web-0", "--wait=true", "--timeout=60s");
        for (var i = 0; i < 120 && (await _cluster.KubectlAsync("get", "pod", "web-0", "-o", "jsonpath={.metadata.uid}")).Stdout.Trim() is var uid && (uid.Length == 0 || uid == firstUid); i++)
        {
            await Task.Delay(500);
        }

        await Ok("wait", "--for=condition=Ready", "pod/web-0", "--timeout=90s");
        Assert.Equal("kept\n", await Ok("exec", "web-0", "--", "cat", "/data/file"));

        // Reclaim policy Delete: deleting the claim deletes its volume and the directory.
        await Ok("delete", "statefulset", "web", "--wait=true", "--timeout=60s");
        for (var i = 0; i < 120 && (await _cluster.KubectlAsync("get", "pod", "web-0")).ExitCode == 0; i++)
        {
            await Task.Delay(500);
        }

        await Ok("delete", "pvc", "data-web-0", "--wait=true", "--timeout=60s");
        for (var i = 0; i < 120 && (await _cluster.KubectlAsync("get", "pv", volumeName)).ExitCode == 0; i++)
        {
            await Task.Delay(500);
        }

        Assert.NotEqual(0, (await _cluster.KubectlAsync("get", "pv", volumeName)).ExitCode);
        Assert.False(Directory.Exists(hostDirectory));

        var applied = await _cluster.KubectlWithInputAsync(DaemonSetManifest, "apply", "-f", "-");
        Assert.True(applied.ExitCode == 0, applied.ToString());
        Assert.EndsWith("daemon set \"agent\" successfully rolled out\n", await Ok("rollout", "status", "daemonset/agent", "--timeout=90s"), StringComparison.Ordinal);

        await Ok("create", "job", "pi", "--image=busybox", "--", "sh", "-c", "echo 3.14159");
        Assert.Equal("job.batch/pi condition met\n", await Ok("wait", "--for=condition=complete", "job/pi", "--timeout=90s"));
        Assert.Equal("3.14159\n", await Ok("logs", "job/pi"));
        Assert.Equal("cronjob.batch/tick created\n", await Ok("create", "cronjob", "tick", "--image=busybox", "--schedule=*/5 * * * *", "--", "echo", "tick"));
        await Ok("create", "job", "tick-now", "--from=cronjob/tick");
        await Ok("wait", "--for=condition=complete", "job/tick-now", "--timeout=90s");

        await Ok("create", "poddisruptionbudget", "redis", "--selector=name=redis-master", "--max-unavailable=1");
        await WaitForAsync("pdb/redis", "{.status.disruptionsAllowed}", "1");
        var drain = await _cluster.RunAsync("kubectl", ["drain", _cluster.NodeName, "--ignore-daemonsets", "--delete-emptydir-data", "--force", "--timeout=20s"], null, TimeSpan.FromSeconds(60));
        Assert.NotEqual(0, drain.ExitCode);
        Assert.Contains($"node/{_cluster.NodeName} cordoned", drain.Output, StringComparison.Ordinal);
        Assert.Contains("Warning: ignoring DaemonSet-managed Pods: default/agent-", drain.Output, StringComparison.Ordinal);
        Assert.Contains("Cannot evict pod as it would violate the pod's disruption budget.", drain.Output, StringComparison.Ordinal);
        Assert.Matches("pod/redis-master-\\w+ evicted", drain.Output);
        Assert.Equal("true", await Ok("get", "node", _cluster.NodeName, "-o", "jsonpath={.spec.unschedulable}"));

        Assert.Equal($"node/{_cluster.NodeName} uncordoned\n", await Ok("uncordon", _cluster.NodeName));
        await WaitForAsync("rc/redis-master", "{.status.readyReplicas}", "2");
    }
}
