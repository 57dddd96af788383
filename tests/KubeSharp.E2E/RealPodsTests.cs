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
        // Node IPAM gave the server's own node the first range of the default cluster CIDR.
        Assert.Equal("10.42.0.0/24", await Ok("get", "node", _cluster.NodeName, "-o", "jsonpath={.spec.podCIDR}"));
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

    [Fact]
    public async Task Admission_webhooks_see_exec_and_attach_as_connect_requests()
    {
        if (Environment.UserName != "root" || !File.Exists("/usr/bin/containerd"))
        {
            return;
        }

        for (var i = 0; i < 120 && (await _cluster.KubectlAsync("get", "node", _cluster.NodeName)).ExitCode != 0; i++)
        {
            await Task.Delay(500);
        }

        await Ok("wait", "--for=condition=Ready", $"node/{_cluster.NodeName}", "--timeout=60s");
        await Ok("run", "guarded", "--image=busybox", "--", "sh", "-c", "echo up; exec sleep 3600");
        await Ok("wait", "--for=condition=Ready", "pod/guarded", "--timeout=90s");
        // A webhook nobody answers, failing closed, for exec and attach only.
        const string Configuration = """
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingWebhookConfiguration
            metadata:
              name: guard-connect
            webhooks:
            - name: guard-connect.example.com
              clientConfig:
                url: https://127.0.0.1:1/guard
              rules:
              - operations: ["CONNECT"]
                apiGroups: [""]
                apiVersions: ["v1"]
                resources: ["pods/exec", "pods/attach"]
              failurePolicy: Fail
              sideEffects: None
              admissionReviewVersions: ["v1"]
            """;
        var applied = await _cluster.KubectlWithInputAsync(Configuration, "apply", "-f", "-");
        Assert.True(applied.ExitCode == 0, applied.ToString());

        var exec = await _cluster.KubectlAsync("exec", "guarded", "--", "echo", "inside");
        var logs = await Ok("logs", "guarded");
        await Ok("delete", "validatingwebhookconfiguration", "guard-connect");
        var allowed = await Ok("exec", "guarded", "--", "echo", "inside");

        Assert.NotEqual(0, exec.ExitCode);
        Assert.Contains("failed calling webhook \"guard-connect.example.com\"", exec.Stderr, StringComparison.Ordinal);
        Assert.Equal("up\n", logs);
        Assert.Equal("inside\n", allowed);
    }

    [Fact]
    public async Task Kubectl_debug_runs_an_ephemeral_container_in_the_target_containers_process_namespace()
    {
        if (Environment.UserName != "root" || !File.Exists("/usr/bin/containerd"))
        {
            return;
        }

        for (var i = 0; i < 120 && (await _cluster.KubectlAsync("get", "node", _cluster.NodeName)).ExitCode != 0; i++)
        {
            await Task.Delay(500);
        }

        await Ok("wait", "--for=condition=Ready", $"node/{_cluster.NodeName}", "--timeout=60s");
        await Ok("run", "target", "--image=busybox", "--", "sh", "-c", "exec sleep 3600");
        await Ok("wait", "--for=condition=Ready", "pod/target", "--timeout=90s");

        await Ok("debug", "target", "--image=busybox", "--target=target", "--container=debugger", "--profile=general", "--", "ps", "-o", "args");
        var state = "";
        for (var i = 0; i < 120 && !state.Contains("terminated", StringComparison.Ordinal); i++)
        {
            await Task.Delay(500);
            state = await Ok("get", "pod", "target", "-o", "jsonpath={.status.ephemeralContainerStatuses[0].name} {.status.ephemeralContainerStatuses[0].state}");
        }

        Assert.StartsWith("debugger ", state, StringComparison.Ordinal);
        Assert.Contains("\"exitCode\":0", state, StringComparison.Ordinal);
        // The debugger sees the target container's processes.
        Assert.Contains("sleep 3600", await Ok("logs", "target", "-c", "debugger"), StringComparison.Ordinal);
        // The pod stays Ready: an ephemeral container does not count for readiness.
        Assert.Equal("True", await Ok("get", "pod", "target", "-o", "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}"));
    }

    [Fact]
    public async Task Pod_service_and_node_proxies_reach_the_backends_through_the_api_server()
    {
        if (Environment.UserName != "root" || !File.Exists("/usr/bin/containerd"))
        {
            return;
        }

        for (var i = 0; i < 120 && (await _cluster.KubectlAsync("get", "node", _cluster.NodeName)).ExitCode != 0; i++)
        {
            await Task.Delay(500);
        }

        await Ok("wait", "--for=condition=Ready", $"node/{_cluster.NodeName}", "--timeout=60s");
        // busybox httpd: a page and a CGI script that echoes the method, query and body it was sent.
        const string Script = "mkdir -p /www/cgi-bin && echo hello-from-pod > /www/index.html && "
            + "printf '#!/bin/sh\\necho Content-Type: text/plain\\necho\\necho $REQUEST_METHOD $QUERY_STRING\\ncat\\n' > /www/cgi-bin/echo && "
            + "chmod +x /www/cgi-bin/echo && exec httpd -f -p 8080 -h /www";
        await Ok("create", "deployment", "web", "--image=busybox", "--port=8080", "--", "sh", "-c", Script);
        await Ok("expose", "deployment", "web", "--port=80", "--target-port=8080", "--name=web");
        await Ok("wait", "--for=condition=Available", "deployment/web", "--timeout=90s");
        var pod = (await Ok("get", "pods", "-l", "app=web", "-o", "jsonpath={.items[0].metadata.name}")).Trim();

        // A pod by name (its first declared port), by name:port; a service by port number and by (unnamed) port name.
        Assert.Equal("hello-from-pod\n", await Ok("get", "--raw", $"/api/v1/namespaces/default/pods/{pod}/proxy/"));
        Assert.Equal("hello-from-pod\n", await Ok("get", "--raw", $"/api/v1/namespaces/default/pods/http:{pod}:8080/proxy/index.html"));
        Assert.Equal("hello-from-pod\n", await Ok("get", "--raw", "/api/v1/namespaces/default/services/web:80/proxy/"));
        Assert.Equal("GET a=1&b=2\n", await Ok("get", "--raw", "/api/v1/namespaces/default/services/web/proxy/cgi-bin/echo?a=1&b=2"));

        // Nothing listens on 8081: 503 with the dialer's words; no such service port: 503 too.
        var refused = await _cluster.KubectlAsync("get", "--raw", $"/api/v1/namespaces/default/pods/{pod}:8081/proxy/");
        Assert.Contains("Error from server (ServiceUnavailable): error trying to reach service: dial tcp", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains(":8081: connect: connection refused", refused.Stderr, StringComparison.Ordinal);
        var noPort = await _cluster.KubectlAsync("get", "--raw", "/api/v1/namespaces/default/services/web:81/proxy/");
        Assert.Contains("no service port 81 found for service \"web\"", noPort.Stderr, StringComparison.Ordinal);

        // The node's log directory through nodes/{name}/proxy (as the conformance test reads it).
        Assert.Contains("<pre>", await Ok("get", "--raw", $"/api/v1/nodes/{_cluster.NodeName}/proxy/logs/"), StringComparison.Ordinal);

        // Through `kubectl proxy`: other methods with their bodies, and the bare ".../proxy" redirected to ".../proxy/".
        using var proxy = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("kubectl", ["proxy", "--port=0", "--kubeconfig", _cluster.Kubeconfig])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        try
        {
            var started = await proxy.StandardOutput.ReadLineAsync() ?? "";
            var port = started[(started.LastIndexOf(':') + 1)..].Trim();
            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
            var baseUrl = $"http://127.0.0.1:{port}/api/v1/namespaces/default";
            var post = await http.PostAsync($"{baseUrl}/services/web/proxy/cgi-bin/echo?x=y", new StringContent("the-body"));
            Assert.Equal("POST x=y\nthe-body", await post.Content.ReadAsStringAsync());
            var bare = await http.GetAsync($"{baseUrl}/pods/{pod}/proxy");
            Assert.Equal(System.Net.HttpStatusCode.MovedPermanently, bare.StatusCode);
            Assert.Equal($"/api/v1/namespaces/default/pods/{pod}/proxy/", bare.Headers.Location?.OriginalString);
        }
        finally
        {
            proxy.Kill();
        }
    }
}
