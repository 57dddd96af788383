namespace KubeSharp.E2E;

/// <summary>The official Python client (Debian's python3-kubernetes) lists, creates, patches and watches.</summary>
[Collection("cluster")]
public sealed class PythonClientTests(ClusterFixture cluster)
{
    private const string Script = """
        import sys, threading
        from kubernetes import client, config, watch
        config.load_kube_config()
        v1 = client.CoreV1Api()
        names = [n.metadata.name for n in v1.list_namespace().items]
        assert "kube-system" in names, names
        ns = sys.argv[1]
        v1.create_namespace(client.V1Namespace(metadata=client.V1ObjectMeta(name=ns)))
        cm = v1.create_namespaced_config_map(ns, client.V1ConfigMap(metadata=client.V1ObjectMeta(name="settings"), data={"mode": "fast"}))
        print("created", cm.metadata.name, cm.metadata.resource_version)
        patched = v1.patch_namespaced_config_map("settings", ns, {"data": {"mode": "slow"}})
        print("patched", patched.data["mode"])
        w = watch.Watch()
        seen = []
        def later():
            v1.patch_namespaced_config_map("settings", ns, {"metadata": {"labels": {"seen": "yes"}}})
        threading.Timer(1.0, later).start()
        for event in w.stream(v1.list_namespaced_config_map, ns, resource_version=cm.metadata.resource_version, timeout_seconds=20):
            seen.append(event["type"])
            if event["object"].metadata.labels and event["object"].metadata.labels.get("seen") == "yes":
                w.stop()
        print("watched", ",".join(seen))
        apps = client.AppsV1Api()
        body = {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"},
                "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "web"}},
                         "template": {"metadata": {"labels": {"app": "web"}}, "spec": {"containers": [{"name": "nginx", "image": "nginx"}]}}}}
        d = apps.create_namespaced_deployment(ns, body)
        print("deployment", d.spec.replicas)
        try:
            v1.read_namespaced_config_map("nope", ns)
        except client.exceptions.ApiException as e:
            print("missing", e.status)
        """;

    [Fact]
    public async Task Python_client_lists_creates_patches_and_watches()
    {
        var script = Path.Combine(cluster.DataDir, "client.py");
        await File.WriteAllTextAsync(script, Script);
        var result = await cluster.RunAsync("/usr/bin/python3", [script, "py-test"], null, TimeSpan.FromSeconds(90));

        Assert.True(result.ExitCode == 0, result + "\nserver log:\n" + cluster.ServerLog);
        Assert.Contains("patched slow", result.Stdout, StringComparison.Ordinal);
        // The namespace's kube-root-ca.crt may arrive as ADDED before the two changes to "settings".
        Assert.Matches(@"watched [A-Z,]*MODIFIED[A-Z,]*MODIFIED", result.Stdout);
        Assert.Contains("deployment 2", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("missing 404", result.Stdout, StringComparison.Ordinal);
    }
}
