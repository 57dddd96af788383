using System.Text.Json.Nodes;
using KubeSharp.ApiServer.Tests.Admission.Webhooks;
using KubeSharp.ApiServer.Tests.Http;

namespace KubeSharp.ApiServer.Tests.CustomResources;

/// <summary>Custom resources with conversion strategy Webhook, as the conformance suite's conversion tests use them.</summary>
public sealed class ConversionWebhookTests : IAsyncLifetime
{
    private const string Definition = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/e2e-test-crds.stable.example.com";
    private const string V1 = "/apis/stable.example.com/v1/namespaces/default/e2e-test-crds";
    private const string V2 = "/apis/stable.example.com/v2/namespaces/default/e2e-test-crds";
    private InProcessServer _server = null!;
    private TestWebhookServer _webhook = null!;

    public async Task InitializeAsync()
    {
        _server = await InProcessServer.StartAsync();
        _webhook = await TestWebhookServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _webhook.DisposeAsync();
        await _server.DisposeAsync();
    }

    private JsonObject Crd() => new()
    {
        ["apiVersion"] = "apiextensions.k8s.io/v1",
        ["kind"] = "CustomResourceDefinition",
        ["metadata"] = new JsonObject { ["name"] = "e2e-test-crds.stable.example.com" },
        ["spec"] = new JsonObject
        {
            ["group"] = "stable.example.com",
            ["scope"] = "Namespaced",
            ["names"] = new JsonObject { ["plural"] = "e2e-test-crds", ["singular"] = "e2e-test-crd", ["kind"] = "E2eTestCrd", ["listKind"] = "E2eTestCrdList" },
            ["versions"] = new JsonArray(Version("v1", storage: true), Version("v2", storage: false)),
            ["conversion"] = new JsonObject
            {
                ["strategy"] = "Webhook",
                ["webhook"] = new JsonObject
                {
                    ["clientConfig"] = new JsonObject { ["url"] = _webhook.Url("/convert"), ["caBundle"] = Convert.ToBase64String(_webhook.CaBundle) },
                    ["conversionReviewVersions"] = new JsonArray("v1", "v1beta1"),
                },
            },
        },
    };

    private static JsonObject Version(string name, bool storage) => new()
    {
        ["name"] = name,
        ["served"] = true,
        ["storage"] = storage,
        ["schema"] = new JsonObject { ["openAPIV3Schema"] = new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true } },
    };

    private static JsonObject Resource(string apiVersion, string name, JsonObject spec) => new()
    {
        ["apiVersion"] = apiVersion,
        ["kind"] = "E2eTestCrd",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = spec,
    };

    private async Task CreateDefinitionAsync()
    {
        await _server.PostAsync(CronTabs.Definitions, Crd());
        await CronTabs.EventuallyAsync(async () => (await _server.SendAsync(HttpMethod.Get, V2)).Code == System.Net.HttpStatusCode.OK, "v2 served");
    }

    [Fact]
    public async Task An_object_created_at_v1_reads_at_v2_through_the_webhook()
    {
        await CreateDefinitionAsync();

        await _server.PostAsync(V1, Resource("stable.example.com/v1", "cr-instance-v1", new JsonObject { ["hostPort"] = "localhost:8080" }));
        var atV2 = await _server.GetAsync(V2 + "/cr-instance-v1");
        var atV1 = await _server.GetAsync(V1 + "/cr-instance-v1");

        Assert.Equal("stable.example.com/v2", atV2["apiVersion"]!.GetValue<string>());
        Assert.Equal("localhost", atV2["spec"]!["host"]!.GetValue<string>());
        Assert.Equal("8080", atV2["spec"]!["port"]!.GetValue<string>());
        Assert.Null(atV2["spec"]!["hostPort"]);
        Assert.Equal("localhost:8080", atV1["spec"]!["hostPort"]!.GetValue<string>());
    }

    [Fact]
    public async Task After_the_storage_version_changes_a_list_converts_objects_stored_at_either_version()
    {
        await CreateDefinitionAsync();
        await _server.PostAsync(V1, Resource("stable.example.com/v1", "cr-instance-v1", new JsonObject { ["hostPort"] = "localhost:8080" }));
        var crd = await _server.GetAsync(Definition);
        crd["spec"]!["versions"]![0]!["storage"] = false;
        crd["spec"]!["versions"]![1]!["storage"] = true;
        var (code, _) = await _server.SendAsync(HttpMethod.Put, Definition, crd);
        Assert.Equal(System.Net.HttpStatusCode.OK, code);
        await CronTabs.EventuallyAsync(
            async () => (await _server.SendAsync(HttpMethod.Post, V2, Resource("stable.example.com/v2", "cr-instance-v2", new JsonObject { ["host"] = "localhost", ["port"] = "9090" }))).Code == System.Net.HttpStatusCode.Created,
            "a v2 object created once v2 is the storage version");

        var listed = (await _server.GetAsync(V2))["items"]!.AsArray();
        var listedAtV1 = (await _server.GetAsync(V1))["items"]!.AsArray();

        Assert.Equal(["cr-instance-v1", "cr-instance-v2"], listed.Select(i => i!["metadata"]!["name"]!.GetValue<string>()));
        Assert.All(listed, i => Assert.Equal("stable.example.com/v2", i!["apiVersion"]!.GetValue<string>()));
        Assert.Equal(["8080", "9090"], listed.Select(i => i!["spec"]!["port"]!.GetValue<string>()));
        Assert.Equal(["localhost:8080", "localhost:9090"], listedAtV1.Select(i => i!["spec"]!["hostPort"]!.GetValue<string>()));
    }
}
