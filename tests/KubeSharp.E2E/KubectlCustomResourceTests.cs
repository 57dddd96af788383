namespace KubeSharp.E2E;

/// <summary>Operators' first steps with the real kubectl: a CustomResourceDefinition and its custom resources (the CronTab of the Kubernetes docs).</summary>
[Collection("cluster")]
public sealed class KubectlCustomResourceTests(ClusterFixture cluster)
{
    private const string CronTabDefinition = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: crontabs.stable.example.com
        spec:
          group: stable.example.com
          versions:
            - name: v1
              served: true
              storage: true
              schema:
                openAPIV3Schema:
                  type: object
                  properties:
                    spec:
                      type: object
                      description: The schedule and what it runs.
                      properties:
                        cronSpec:
                          type: string
                          description: When the job runs, in cron syntax.
                        image:
                          type: string
                        replicas:
                          type: integer
              additionalPrinterColumns:
                - name: Spec
                  type: string
                  jsonPath: .spec.cronSpec
                - name: Replicas
                  type: integer
                  jsonPath: .spec.replicas
                - name: Age
                  type: date
                  jsonPath: .metadata.creationTimestamp
          scope: Namespaced
          names:
            plural: crontabs
            singular: crontab
            kind: CronTab
            shortNames:
              - ct
        """;

    private const string CronTab = """
        apiVersion: "stable.example.com/v1"
        kind: CronTab
        metadata:
          name: my-new-cron-object
          namespace: crontab-test
        spec:
          cronSpec: "* * * * */5"
          image: my-awesome-cron-image
          replicas: 1
        """;

    private async Task<string> Ok(params string[] args)
    {
        var r = await cluster.KubectlAsync(args);
        Assert.True(r.ExitCode == 0, $"kubectl {string.Join(' ', args)} failed: {r}\nserver log:\n{cluster.ServerLog}");
        return r.Stdout;
    }

    private async Task<string> OkWithInput(string stdin, params string[] args)
    {
        var r = await cluster.KubectlWithInputAsync(stdin, args);
        Assert.True(r.ExitCode == 0, $"kubectl {string.Join(' ', args)} failed: {r}\nserver log:\n{cluster.ServerLog}");
        return r.Stdout;
    }

    [Fact]
    public async Task A_CronTab_definition_serves_crontabs_to_kubectl()
    {
        Assert.Equal("customresourcedefinition.apiextensions.k8s.io/crontabs.stable.example.com created\n", await OkWithInput(CronTabDefinition, "apply", "-f", "-"));
        Assert.Contains("condition met", await Ok("wait", "--for", "condition=established", "--timeout=60s", "crd/crontabs.stable.example.com"), StringComparison.Ordinal);
        Assert.Matches(@"^NAME\s+CREATED AT\n(.*\n)*crontabs\.stable\.example\.com\s+\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\n", await Ok("get", "crd"));
        await Ok("create", "namespace", "crontab-test");

        Assert.Equal("crontab.stable.example.com/my-new-cron-object created\n", await OkWithInput(CronTab, "apply", "-f", "-"));

        var table = await Ok("-n", "crontab-test", "get", "crontabs");
        Assert.Matches(@"^NAME\s+SPEC\s+REPLICAS\s+AGE\nmy-new-cron-object\s+\* \* \* \* \*/5\s+1\s+\d+s\n$", table);
        Assert.Contains("my-new-cron-object", await Ok("-n", "crontab-test", "get", "ct"), StringComparison.Ordinal);
        Assert.Contains("my-new-cron-object", await Ok("-n", "crontab-test", "get", "crontab", "my-new-cron-object"), StringComparison.Ordinal);
        var yaml = await Ok("-n", "crontab-test", "get", "ct", "my-new-cron-object", "-o", "yaml");
        Assert.Contains("apiVersion: stable.example.com/v1", yaml, StringComparison.Ordinal);
        Assert.Contains("image: my-awesome-cron-image", yaml, StringComparison.Ordinal);
        Assert.Matches(@"crontabs\s+ct\s+stable\.example\.com/v1\s+true\s+CronTab", await Ok("api-resources"));

        var explained = await Ok("explain", "crontab.spec");
        Assert.Contains("KIND:       CronTab", explained, StringComparison.Ordinal);
        Assert.Contains("cronSpec\t<string>", explained, StringComparison.Ordinal);
        Assert.Contains("When the job runs, in cron syntax.", explained, StringComparison.Ordinal);

        Assert.Equal("crontab.stable.example.com/my-new-cron-object patched\n", await Ok("-n", "crontab-test", "patch", "crontab", "my-new-cron-object", "--type", "merge", "-p", """{"spec":{"replicas":3}}"""));
        Assert.Equal("3", await Ok("-n", "crontab-test", "get", "ct", "my-new-cron-object", "-o", "jsonpath={.spec.replicas}"));
        Assert.Equal("crontab.stable.example.com/my-new-cron-object configured\n", await OkWithInput(CronTab.Replace("replicas: 1", "replicas: 2", StringComparison.Ordinal), "apply", "-f", "-"));
        var serverSide = CronTab.Replace("my-new-cron-object", "server-side-cron", StringComparison.Ordinal);
        Assert.Equal("crontab.stable.example.com/server-side-cron serverside-applied\n", await OkWithInput(serverSide, "apply", "--server-side", "-f", "-"));
        await OkWithInput(serverSide.Replace("replicas: 1", "replicas: 4", StringComparison.Ordinal), "apply", "--server-side", "-f", "-");
        Assert.Equal("4", await Ok("-n", "crontab-test", "get", "ct", "server-side-cron", "-o", "jsonpath={.spec.replicas}"));

        var invalid = await cluster.KubectlWithInputAsync(CronTab.Replace("name: my-new-cron-object", "name: bad", StringComparison.Ordinal).Replace("replicas: 1", "replicas: many", StringComparison.Ordinal), "apply", "-f", "-");
        Assert.NotEqual(0, invalid.ExitCode);
        Assert.Contains("The CronTab \"bad\" is invalid: spec.replicas: Invalid value: \"string\": spec.replicas in body must be of type integer: \"string\"", invalid.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_a_definition_deletes_its_objects_and_its_resource()
    {
        var widgets = CronTabDefinition.Replace("crontabs", "widgets", StringComparison.Ordinal).Replace("crontab", "widget", StringComparison.Ordinal)
            .Replace("CronTab", "Widget", StringComparison.Ordinal).Replace("- ct", "- wd", StringComparison.Ordinal);
        await OkWithInput(widgets, "apply", "-f", "-");
        await Ok("wait", "--for", "condition=established", "--timeout=60s", "crd/widgets.stable.example.com");
        await Ok("create", "namespace", "widget-test");
        await OkWithInput(CronTab.Replace("CronTab", "Widget", StringComparison.Ordinal).Replace("crontab-test", "widget-test", StringComparison.Ordinal), "apply", "-f", "-");

        Assert.Contains("deleted", await Ok("delete", "crd", "widgets.stable.example.com", "--timeout=60s"), StringComparison.Ordinal);

        // kubectl may still map "widgets" from its discovery cache; either way the server no longer serves it.
        var gone = await cluster.KubectlAsync("-n", "widget-test", "get", "widgets");
        Assert.NotEqual(0, gone.ExitCode);
        Assert.True(gone.Stderr.Contains("the server doesn't have a resource type \"widgets\"", StringComparison.Ordinal) || gone.Stderr.Contains("Error from server (NotFound)", StringComparison.Ordinal), gone.ToString());
        Assert.DoesNotContain("widgets", await Ok("api-resources"), StringComparison.Ordinal);
    }
}
