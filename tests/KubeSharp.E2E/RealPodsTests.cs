namespace KubeSharp.E2E;

/// <summary>
/// The whole path with the real kubectl: Deployment → ReplicaSet → scheduled pods → containers in
/// containerd on the server's own node, then exec and logs through the API server. Needs root and
/// containerd (scripts/install-deps.sh); the images come from images/build.sh.
/// </summary>
[Collection(RealNodeCollection.Name)]
public sealed class RealPodsTests : IAsyncLifetime
{
    private readonly ClusterFixture _cluster = new(withAgent: true);

    public async Task InitializeAsync()
    {
        if (Environment.UserName != "root" || !File.Exists("/usr/bin/containerd"))
        {
            return;
        }

        var images = Path.Combine(_cluster.DataDir, "agent", "images");
        Directory.CreateDirectory(images);
        var script = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "images", "build.sh"));
        var built = await _cluster.RunAsync("bash", [script, images, "pause", "busybox"], null, TimeSpan.FromMinutes(3));
        Assert.True(built.ExitCode == 0, built.ToString());
        await _cluster.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        if (File.Exists(_cluster.Kubeconfig))
        {
            // Remove the pods while the agent runs, so no container outlives the test.
            await _cluster.KubectlAsync("delete", "deployment", "--all", "--wait=true", "--timeout=60s");
            await _cluster.RunAsync("kubectl", ["wait", "--for=delete", "pods", "--all", "--timeout=60s"], null, TimeSpan.FromSeconds(90));
        }

        await _cluster.DisposeAsync();
    }

    private async Task<string> Ok(params string[] args)
    {
        var r = await _cluster.KubectlAsync(args);
        Assert.True(r.ExitCode == 0, $"kubectl {string.Join(' ', args)} failed: {r}\nserver log:\n{_cluster.ServerLog}");
        return r.Stdout;
    }

    [Fact]
    public async Task Deployment_pods_run_and_answer_exec_and_logs()
    {
        if (Environment.UserName != "root" || !File.Exists("/usr/bin/containerd"))
        {
            return;
        }

        // The agent starts containerd and imports images before it registers its Node.
        for (var i = 0; i < 120 && (await _cluster.KubectlAsync("get", "node", _cluster.NodeName)).ExitCode != 0; i++)
        {
            await Task.Delay(500);
        }

        await Ok("wait", "--for=condition=Ready", $"node/{_cluster.NodeName}", "--timeout=60s");
        await Ok("create", "deployment", "sleeper", "--image=busybox", "--replicas=2", "--", "sh", "-c", "echo started; sleep 3600");
        await Ok("wait", "--for=condition=Available", "deployment/sleeper", "--timeout=90s");
        var pods = await Ok("get", "pods", "-l", "app=sleeper", "-o", "wide");
        Assert.Equal(2, pods.Split('\n').Count(l => l.Contains("Running", StringComparison.Ordinal) && l.Contains(_cluster.NodeName, StringComparison.Ordinal)));
        var exec = await _cluster.KubectlAsync("exec", "deploy/sleeper", "--", "sh", "-c", "echo hello; exit 3");
        Assert.Equal(3, exec.ExitCode);
        Assert.Equal("hello\n", exec.Stdout);
        var logs = await Ok("logs", "deploy/sleeper");
        Assert.Equal("started\n", logs);
    }
}
