namespace KubeSharp.E2E;

/// <summary>kubectl commands around workload objects and watches (no controllers needed).</summary>
[Collection("cluster")]
public sealed class KubectlWorkloadObjectsTests(ClusterFixture cluster)
{
    private async Task<string> Ok(params string[] args)
    {
        var r = await cluster.KubectlAsync(args);
        Assert.True(r.ExitCode == 0, $"kubectl {string.Join(' ', args)} failed: {r}\nserver log:\n{cluster.ServerLog}");
        return r.Stdout;
    }

    [Fact]
    public async Task Autoscale_creates_an_hpa_readable_in_v1_and_v2()
    {
        await Ok("create", "namespace", "hpa-test");
        await Ok("-n", "hpa-test", "create", "deployment", "web", "--image=nginx");
        Assert.Equal("horizontalpodautoscaler.autoscaling/web autoscaled\n", await Ok("-n", "hpa-test", "autoscale", "deployment", "web", "--min=2", "--max=5", "--cpu-percent=60"));
        var v1 = await Ok("get", "--raw", "/apis/autoscaling/v1/namespaces/hpa-test/horizontalpodautoscalers/web");
        Assert.Contains("\"apiVersion\":\"autoscaling/v1\"", v1, StringComparison.Ordinal);
        Assert.Contains("\"targetCPUUtilizationPercentage\":60", v1, StringComparison.Ordinal);
        var v2 = await Ok("-n", "hpa-test", "get", "horizontalpodautoscalers.v2.autoscaling", "web", "-o", "jsonpath={.spec.metrics[0].resource.target.averageUtilization} {.spec.minReplicas}");
        Assert.Equal("60 2", v2);
        var table = await Ok("-n", "hpa-test", "get", "hpa");
        Assert.Matches(@"NAME\s+REFERENCE\s+TARGETS\s+MINPODS\s+MAXPODS\s+REPLICAS\s+AGE", table);
        Assert.Contains("Deployment/web", table, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_resource_quota_refuses_creates_past_its_limits_and_reports_its_usage()
    {
        await Ok("create", "namespace", "quota-test");
        await Ok("-n", "quota-test", "create", "quota", "q1", "--hard=pods=1,requests.cpu=1,count/deployments.apps=1,services.nodeports=1");
        const string Requests = "{\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"busybox\",\"resources\":{\"requests\":{\"cpu\":\"300m\"}}}]}}";

        var unstated = await cluster.KubectlAsync("-n", "quota-test", "run", "a", "--image=busybox");
        Assert.Equal("Error from server (Forbidden): pods \"a\" is forbidden: failed quota: q1: must specify requests.cpu for: a\n", unstated.Stderr);
        await Ok("-n", "quota-test", "run", "b", "--image=busybox", "--overrides=" + Requests);
        var second = await cluster.KubectlAsync("-n", "quota-test", "run", "c", "--image=busybox", "--overrides=" + Requests);
        Assert.Equal("Error from server (Forbidden): pods \"c\" is forbidden: exceeded quota: q1, requested: pods=1, used: pods=1, limited: pods=1\n", second.Stderr);
        var ports = await cluster.KubectlAsync("-n", "quota-test", "create", "service", "nodeport", "n1", "--tcp=80:80", "--tcp=81:81");
        Assert.Contains("services \"n1\" is forbidden: exceeded quota: q1, requested: services.nodeports=2, used: services.nodeports=0, limited: services.nodeports=1", ports.Stderr, StringComparison.Ordinal);

        // The resource quota controller reports the usage that `kubectl get/describe quota` print.
        var row = "";
        for (var i = 0; i < 60 && !row.Contains("pods: 1/1", StringComparison.Ordinal); i++)
        {
            await Task.Delay(500);
            row = await Ok("-n", "quota-test", "get", "quota", "q1");
        }

        Assert.Matches(@"NAME\s+AGE\s+REQUEST\s+LIMIT", row);
        Assert.Contains("count/deployments.apps: 0/1, pods: 1/1, requests.cpu: 300m/1, services.nodeports: 0/1", row, StringComparison.Ordinal);
        Assert.Matches(@"requests\.cpu\s+300m\s+1", await Ok("-n", "quota-test", "describe", "quota", "q1"));
    }

    [Fact]
    public async Task A_limit_range_gives_pods_default_resources_and_refuses_pods_past_its_max()
    {
        await Ok("create", "namespace", "limits-test");
        const string Range = """
            apiVersion: v1
            kind: LimitRange
            metadata: {name: defaults, namespace: limits-test}
            spec:
              limits:
              - type: Container
                default: {cpu: 500m, memory: 256Mi}
                max: {memory: 1Gi}
            """;
        var applied = await cluster.KubectlWithInputAsync(Range, "apply", "-f", "-");
        Assert.True(applied.ExitCode == 0, applied.ToString());

        // The range's own defaulting: the default request follows the default limit.
        Assert.Equal("500m 256Mi", await Ok("-n", "limits-test", "get", "limitrange", "defaults", "-o", "jsonpath={.spec.limits[0].defaultRequest.cpu} {.spec.limits[0].defaultRequest.memory}"));

        await Ok("-n", "limits-test", "run", "plain", "--image=busybox");
        Assert.Equal(
            "500m 256Mi 500m 256Mi Guaranteed",
            await Ok("-n", "limits-test", "get", "pod", "plain", "-o", "jsonpath={.spec.containers[0].resources.requests.cpu} {.spec.containers[0].resources.requests.memory} {.spec.containers[0].resources.limits.cpu} {.spec.containers[0].resources.limits.memory} {.status.qosClass}"));
        Assert.Equal(
            "LimitRanger plugin set: cpu, memory request for container plain; cpu, memory limit for container plain",
            await Ok("-n", "limits-test", "get", "pod", "plain", "-o", @"jsonpath={.metadata.annotations.kubernetes\.io/limit-ranger}"));

        var big = await cluster.KubectlAsync("-n", "limits-test", "run", "big", "--image=busybox", """--overrides={"spec":{"containers":[{"name":"big","image":"busybox","resources":{"limits":{"memory":"2Gi"}}}]}}""");
        Assert.Equal("Error from server (Forbidden): pods \"big\" is forbidden: maximum memory usage per Container is 1Gi, but limit is 2Gi\n", big.Stderr);
    }

    [Fact]
    public async Task Get_watch_prints_rows_for_changes_as_they_happen()
    {
        await Ok("create", "namespace", "watch-test");
        await Ok("-n", "watch-test", "create", "configmap", "first", "--from-literal=a=1");
        var watching = cluster.RunAsync("timeout", ["6", "kubectl", "-n", "watch-test", "get", "configmaps", "-w"], null, TimeSpan.FromSeconds(20));
        await Task.Delay(2500);
        await Ok("-n", "watch-test", "create", "configmap", "second", "--from-literal=a=1", "--from-literal=b=2");
        var result = await watching;
        Assert.Matches(@"NAME\s+DATA\s+AGE", result.Stdout);
        Assert.Matches(@"first\s+1\s+", result.Stdout);
        Assert.Matches(@"second\s+2\s+", result.Stdout);
    }

    [Fact]
    public async Task Expose_creates_a_service_with_a_cluster_ip_and_the_pod_selector()
    {
        await Ok("create", "namespace", "expose-test");
        await Ok("-n", "expose-test", "create", "deployment", "web", "--image=nginx", "--port=80");
        Assert.Equal("service/web exposed\n", await Ok("-n", "expose-test", "expose", "deployment", "web", "--port=80", "--type=NodePort"));
        var svc = await Ok("-n", "expose-test", "get", "svc", "web", "-o", "jsonpath={.spec.type} {.spec.selector.app} {.spec.ports[0].targetPort}");
        Assert.Equal("NodePort web 80", svc);
        var table = await Ok("-n", "expose-test", "get", "svc", "web");
        Assert.Matches(@"web\s+NodePort\s+10\.\d+\.\d+\.\d+\s+<none>\s+80:3\d{4}/TCP", table);
    }

    [Fact]
    public async Task Server_side_dry_run_creates_nothing()
    {
        await Ok("create", "namespace", "dry-test");
        Assert.Equal("configmap/ghost created (server dry run)\n", await Ok("-n", "dry-test", "create", "configmap", "ghost", "--from-literal=a=1", "--dry-run=server"));
        var r = await cluster.KubectlAsync("-n", "dry-test", "get", "configmap", "ghost");
        Assert.Contains("NotFound", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_token_issues_a_bearer_token_the_server_accepts()
    {
        var token = (await Ok("create", "token", "default")).Trim();
        Assert.Equal(3, token.Split('.').Length);
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        using var http = new HttpClient(handler);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"https://127.0.0.1:{cluster.Port}/api/v1/namespaces/default/configmaps"));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        using var forged = new HttpRequestMessage(HttpMethod.Get, new Uri($"https://127.0.0.1:{cluster.Port}/api/v1/namespaces/default/configmaps"));
        forged.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token[..^4] + "AAAA");
        using var rejected = await http.SendAsync(forged);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, rejected.StatusCode);
    }

    [Fact]
    public async Task Scale_subresource_reports_replicas_and_the_selector_string()
    {
        await Ok("create", "namespace", "scale-test");
        await Ok("-n", "scale-test", "create", "deployment", "web", "--image=nginx", "--replicas=2");
        var scale = await Ok("get", "--raw", "/apis/apps/v1/namespaces/scale-test/deployments/web/scale");
        Assert.Contains("\"kind\":\"Scale\"", scale, StringComparison.Ordinal);
        Assert.Contains("\"spec\":{\"replicas\":2}", scale, StringComparison.Ordinal);
        Assert.Contains("\"selector\":\"app=web\"", scale, StringComparison.Ordinal);
    }
}
