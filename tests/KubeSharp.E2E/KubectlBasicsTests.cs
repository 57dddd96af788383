namespace KubeSharp.E2E;

/// <summary>The control-plane walk-through of the README, command by command, with the real kubectl.</summary>
[Collection("cluster")]
public sealed class KubectlBasicsTests(ClusterFixture cluster)
{
    private async Task<string> Ok(params string[] args)
    {
        var r = await cluster.KubectlAsync(args);
        Assert.True(r.ExitCode == 0, $"kubectl {string.Join(' ', args)} failed: {r}\nserver log:\n{cluster.ServerLog}");
        return r.Stdout;
    }

    [Fact]
    public async Task Version_reports_server_1_32()
    {
        var output = await Ok("version");
        Assert.Contains("Server Version: v1.32", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Auth_can_i_and_whoami_answer_for_the_caller()
    {
        Assert.Equal("yes\n", await Ok("auth", "can-i", "create", "deployments", "-n", "default"));
        Assert.Equal("yes\n", await Ok("auth", "can-i", "get", "/healthz"));
        var list = await Ok("auth", "can-i", "--list", "-n", "default");
        Assert.StartsWith("Resources", list, StringComparison.Ordinal);
        Assert.Contains("*.*", list, StringComparison.Ordinal);
        var whoami = await Ok("auth", "whoami");
        Assert.Matches(@"^ATTRIBUTE\s+VALUE\nUsername\s+system:admin\nGroups\s+\[system:masters system:authenticated\]\n$", whoami);
    }

    [Fact]
    public async Task System_namespaces_exist_and_print_status_columns()
    {
        var output = await Ok("get", "ns");
        foreach (var ns in new[] { "default", "kube-system", "kube-public", "kube-node-lease" })
        {
            Assert.Contains(ns, output, StringComparison.Ordinal);
        }

        Assert.StartsWith("NAME", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_resources_lists_core_and_apps_kinds_with_short_names()
    {
        var output = await Ok("api-resources");
        Assert.Matches(@"pods\s+po\s+v1\s+true\s+Pod", output);
        Assert.Matches(@"deployments\s+deploy\s+apps/v1\s+true\s+Deployment", output);
        Assert.Matches(@"configmaps\s+cm\s+v1\s+true\s+ConfigMap", output);
    }

    [Fact]
    public async Task Create_configmap_from_literal_and_file_stores_both_keys()
    {
        await Ok("create", "namespace", "cm-test");
        var file = Path.Combine(cluster.DataDir, "settings.ini");
        await File.WriteAllTextAsync(file, "mode=fast\n");
        var created = await Ok("-n", "cm-test", "create", "configmap", "app", "--from-literal=a=1", $"--from-file={file}");
        Assert.Equal("configmap/app created\n", created);
        var yaml = await Ok("-n", "cm-test", "get", "configmap", "app", "-o", "jsonpath={.data.a}|{.data.settings\\.ini}");
        Assert.Equal("1|mode=fast\n", yaml);
    }

    [Fact]
    public async Task Create_secret_generic_from_files_is_opaque_with_base64_data()
    {
        await Ok("create", "namespace", "secret-test");
        var user = Path.Combine(cluster.DataDir, "username.txt");
        var pass = Path.Combine(cluster.DataDir, "password.txt");
        await File.WriteAllTextAsync(user, "admin");
        await File.WriteAllTextAsync(pass, "1f2d1e2e67df");
        Assert.Equal("secret/app-credentials created\n", await Ok("-n", "secret-test", "create", "secret", "generic", "app-credentials", $"--from-file={user}", $"--from-file={pass}"));
        var type = await Ok("-n", "secret-test", "get", "secret", "app-credentials", "-o", "jsonpath={.type} {.data.username\\.txt}");
        Assert.Equal("Opaque YWRtaW4=", type);
    }

    [Fact]
    public async Task Create_deployment_sends_protobuf_and_the_object_is_stored()
    {
        await Ok("create", "namespace", "deploy-test");
        Assert.Equal("deployment.apps/web created\n", await Ok("-n", "deploy-test", "create", "deployment", "web", "--image=nginx", "--replicas=3"));
        var replicas = await Ok("-n", "deploy-test", "get", "deploy", "web", "-o", "jsonpath={.spec.replicas} {.spec.template.spec.containers[0].image} {.metadata.generation}");
        Assert.Equal("3 nginx 1", replicas);
    }

    [Fact]
    public async Task Creating_an_existing_object_is_already_exists()
    {
        await Ok("create", "namespace", "dup-test");
        await Ok("-n", "dup-test", "create", "configmap", "c", "--from-literal=a=1");
        var r = await cluster.KubectlAsync("-n", "dup-test", "create", "configmap", "c", "--from-literal=a=1");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("error: failed to create configmap: configmaps \"c\" already exists", r.Stderr, StringComparison.Ordinal);
        var manifest = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: dup-test\n";
        var again = await cluster.KubectlWithInputAsync(manifest, "create", "-f", "-");
        Assert.Contains("Error from server (AlreadyExists): error when creating \"STDIN\": configmaps \"c\" already exists", again.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Getting_a_missing_object_is_not_found()
    {
        var r = await cluster.KubectlAsync("get", "pod", "nope");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("Error from server (NotFound): pods \"nope\" not found", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Label_annotate_patch_scale_and_set_image_change_the_deployment()
    {
        await Ok("create", "namespace", "mutate-test");
        await Ok("-n", "mutate-test", "create", "deployment", "web", "--image=nginx");
        Assert.Equal("deployment.apps/web labeled\n", await Ok("-n", "mutate-test", "label", "deploy", "web", "tier=front"));
        Assert.Equal("deployment.apps/web annotated\n", await Ok("-n", "mutate-test", "annotate", "deploy", "web", "note=hello"));
        Assert.Equal("deployment.apps/web patched\n", await Ok("-n", "mutate-test", "patch", "deploy", "web", "-p", "{\"spec\":{\"replicas\":2}}"));
        await Ok("-n", "mutate-test", "patch", "deploy", "web", "--type=merge", "-p", "{\"spec\":{\"minReadySeconds\":1}}");
        await Ok("-n", "mutate-test", "patch", "deploy", "web", "--type=json", "-p", "[{\"op\":\"replace\",\"path\":\"/spec/revisionHistoryLimit\",\"value\":4}]");
        Assert.Equal("deployment.apps/web scaled\n", await Ok("-n", "mutate-test", "scale", "deploy", "web", "--replicas=5"));
        Assert.Equal("deployment.apps/web image updated\n", await Ok("-n", "mutate-test", "set", "image", "deployment/web", "nginx=nginx:1.25"));
        var state = await Ok("-n", "mutate-test", "get", "deploy", "web", "-o", "jsonpath={.metadata.labels.tier} {.metadata.annotations.note} {.spec.replicas} {.spec.minReadySeconds} {.spec.revisionHistoryLimit} {.spec.template.spec.containers[0].image}");
        Assert.Equal("front hello 5 1 4 nginx:1.25", state);
    }

    [Fact]
    public async Task Apply_twice_reports_created_then_unchanged_then_configured()
    {
        await Ok("create", "namespace", "apply-test");
        var manifest = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
              namespace: apply-test
            data:
              mode: fast
            """;
        var first = await cluster.KubectlWithInputAsync(manifest, "apply", "-f", "-");
        Assert.Equal("configmap/settings created\n", first.Stdout);
        var second = await cluster.KubectlWithInputAsync(manifest, "apply", "-f", "-");
        Assert.Equal("configmap/settings unchanged\n", second.Stdout);
        var third = await cluster.KubectlWithInputAsync(manifest.Replace("fast", "slow", StringComparison.Ordinal), "apply", "-f", "-");
        Assert.Equal("configmap/settings configured\n", third.Stdout);
        Assert.Equal("slow", await Ok("-n", "apply-test", "get", "cm", "settings", "-o", "jsonpath={.data.mode}"));
    }

    [Fact]
    public async Task Delete_namespace_removes_its_objects()
    {
        await Ok("create", "namespace", "team-a");
        await Ok("-n", "team-a", "create", "configmap", "c1", "--from-literal=a=1");
        await Ok("-n", "team-a", "create", "deployment", "d1", "--image=nginx");
        var deleted = await cluster.RunAsync("kubectl", ["delete", "ns", "team-a", "--timeout=60s"], null, TimeSpan.FromSeconds(90));
        Assert.True(deleted.ExitCode == 0, deleted.ToString());
        var r = await cluster.KubectlAsync("get", "ns", "team-a");
        Assert.Contains("NotFound", r.Stderr, StringComparison.Ordinal);
        var left = await Ok("get", "configmaps", "-A", "--field-selector=metadata.namespace=team-a", "-o", "name");
        Assert.Equal("", left);
    }

    [Fact]
    public async Task Every_namespace_gets_a_default_service_account_and_root_ca()
    {
        await Ok("create", "namespace", "defaults-test");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        string output = "";
        while (DateTime.UtcNow < deadline)
        {
            output = (await cluster.KubectlAsync("-n", "defaults-test", "get", "sa,cm", "-o", "name")).Stdout;
            if (output.Contains("serviceaccount/default", StringComparison.Ordinal) && output.Contains("configmap/kube-root-ca.crt", StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(200);
        }

        Assert.Fail("missing defaults: " + output);
    }

    [Fact]
    public async Task Label_selectors_filter_lists()
    {
        await Ok("create", "namespace", "select-test");
        await Ok("-n", "select-test", "create", "configmap", "a", "--from-literal=x=1");
        await Ok("-n", "select-test", "create", "configmap", "b", "--from-literal=x=1");
        await Ok("-n", "select-test", "label", "cm", "a", "env=prod");
        await Ok("-n", "select-test", "label", "cm", "b", "env=dev");
        Assert.Equal("configmap/a\n", await Ok("-n", "select-test", "get", "cm", "-l", "env=prod", "-o", "name"));
        Assert.Equal("configmap/b\n", await Ok("-n", "select-test", "get", "cm", "-l", "env,env notin (prod)", "-o", "name"));
        Assert.Equal("configmap/a\nconfigmap/b\n", await Ok("-n", "select-test", "get", "cm", "-l", "env", "-o", "name"));
        var bad = await cluster.KubectlAsync("-n", "select-test", "get", "cm", "--field-selector=spec.nope=1");
        Assert.Contains("field label not supported: spec.nope", bad.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wait_for_delete_returns_once_the_object_is_gone()
    {
        await Ok("create", "namespace", "wait-test");
        await Ok("-n", "wait-test", "create", "configmap", "gone", "--from-literal=a=1");
        var waiter = cluster.RunAsync("kubectl", ["-n", "wait-test", "wait", "--for=delete", "configmap/gone", "--timeout=30s"], null, TimeSpan.FromSeconds(45));
        await Task.Delay(1000);
        await Ok("-n", "wait-test", "delete", "configmap", "gone");
        var result = await waiter;
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task Requests_without_credentials_are_unauthorized()
    {
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        using var http = new HttpClient(handler);
        var response = await http.GetAsync(new Uri($"https://127.0.0.1:{cluster.Port}/api/v1/namespaces"));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"reason\":\"Unauthorized\"", body, StringComparison.Ordinal);
        var version = await http.GetAsync(new Uri($"https://127.0.0.1:{cluster.Port}/version"));
        Assert.Equal(System.Net.HttpStatusCode.OK, version.StatusCode);
    }
}
